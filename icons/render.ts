// Renders icons/icon.svg to the PNG sizes KaiOS needs (56 and 112): `npx tsx icons/render.ts`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/support/browsers';

async function main(): Promise<void> {
  const svg = readFileSync(join(__dirname, 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    for (const size of [56, 112]) {
      await page.setViewport({ width: size, height: size });
      await page.setContent(`<style>*{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
      await page.screenshot({ path: join(__dirname, `${size}.png`) as `${string}.png`, omitBackground: true });
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
