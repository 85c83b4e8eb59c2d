// `npm run package`: the built phone app (dist/app, from `npm run build`) as
//  - dist/package/mobipass-omnisd.zip: OmniSD's layout, application.zip + metadata.json;
//  - dist/package/mobipass/: the plain app folder for WebIDE or gdeploy.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { appId } from '../src/app/build/manifests';

const ROOT = join(__dirname, '..');
export const APP_DIR = join(ROOT, 'dist/app');
export const PACKAGE_DIR = join(ROOT, 'dist/package');
export const OMNISD_ZIP = join(PACKAGE_DIR, 'mobipass-omnisd.zip');
export const APP_FOLDER = join(PACKAGE_DIR, 'mobipass');

/** Fixed timestamps: the same build gives the same zip. */
const MTIME = new Date('2024-01-01T00:00:00Z');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function zipFolder(dir: string): Uint8Array {
  const entries: Zippable = {};
  for (const file of filesUnder(dir).sort())
    entries[relative(dir, file)] = [readFileSync(file), { level: 9, mtime: MTIME }];
  return zipSync(entries);
}

/** OmniSD installs app://<id>/manifest.webapp, with the id the KaiOS 3.x manifest carries too. */
function omnisdMetadata(manifest: { name: string; developer: { url: string } }): string {
  return JSON.stringify({
    version: 1,
    manifestURL: `app://${appId(manifest.name, manifest.developer.url)}/manifest.webapp`,
  });
}

export function buildPackage(): { zip: string; zipBytes: number; folder: string } {
  const manifest = JSON.parse(readFileSync(join(APP_DIR, 'manifest.webapp'), 'utf8'));
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  mkdirSync(PACKAGE_DIR, { recursive: true });
  const outer = zipSync({
    'application.zip': [zipFolder(APP_DIR), { level: 0, mtime: MTIME }],
    'metadata.json': [new TextEncoder().encode(omnisdMetadata(manifest)), { mtime: MTIME }],
  });
  writeFileSync(OMNISD_ZIP, outer);
  cpSync(APP_DIR, APP_FOLDER, { recursive: true });
  return { zip: OMNISD_ZIP, zipBytes: outer.length, folder: APP_FOLDER };
}

if (require.main === module) {
  try {
    const { zip, zipBytes, folder } = buildPackage();
    console.log(`OmniSD package: ${relative(process.cwd(), zip)} (${zipBytes} bytes)`);
    console.log(`App folder for WebIDE / gdeploy: ${relative(process.cwd(), folder)}`);
  } catch (error) {
    console.error(`package: ${(error as Error).message} (run \`npm run build\` first)`);
    process.exit(1);
  }
}
