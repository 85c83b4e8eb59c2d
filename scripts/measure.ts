// `npm run size` and `npm run bench`: runs every part's measurement in scripts/<kind>/ in one go, so
// each figure is printed next to its peer from the same run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(kind: string | undefined): Promise<void> {
  if (kind !== 'size' && kind !== 'bench') throw new Error('usage: tsx scripts/measure.ts size|bench');
  const dir = join(__dirname, kind);
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()) {
    const part: { run(): Promise<void> } = await import(join(dir, file));
    await part.run();
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
