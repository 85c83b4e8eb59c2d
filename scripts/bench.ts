// `npm run bench`: every speed figure the issues ask for, side by side with a peer in the same run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const dir = join(__dirname, 'bench');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts')).sort()) {
    const part: { run(): Promise<void> } = await import(join(dir, file));
    await part.run();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
