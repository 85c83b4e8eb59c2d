// Bundles small entry modules the way the app is bundled (webpack production: ts-loader to ES5,
// terser), for `npm run size` and for the signing benchmark's browser page.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';

export const ROOT = join(__dirname, '..');
export const CORE = join(ROOT, 'src/core');

/** An import specifier for a core module, by file name. */
export const core = (file: string) => JSON.stringify(join(CORE, file));

/** The core as the phone app imports it (src/app/services), with the default suite's one hash, SHA-256. */
export const APP_CORE_ENTRY = `
import { signDocument } from ${core('sign')};
import { sealEnvelope, changePin, readVaultRecord } from ${core('vault')};
import { checkActivationPart } from ${core('activation')};
import { parseOcraSuite } from ${core('ocra')};
import { sha256 } from ${core('sha256')};
window.core = [signDocument, sealEnvelope, changePin, readVaultRecord, checkActivationPart, parseOcraSuite, { SHA256: sha256 }];
`;

/** Entry sources by name (plain JS modules; import core files by absolute path) to minified bundles. */
export async function bundle(entries: { [name: string]: string }): Promise<{ [name: string]: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mobipass-bundle-'));
  try {
    const entry: { [name: string]: string } = {};
    for (const [name, source] of Object.entries(entries)) {
      entry[name] = join(dir, `${name}.entry.js`);
      writeFileSync(entry[name], source);
    }
    const stats = await new Promise<webpack.Stats>((resolve, reject) => {
      webpack(
        {
          mode: 'production',
          target: ['web', 'es5'],
          devtool: false,
          context: ROOT,
          entry,
          output: { path: join(dir, 'out'), filename: '[name].js' },
          resolve: { extensions: ['.ts', '.js'], modules: [join(ROOT, 'node_modules')] },
          module: {
            rules: [
              {
                test: /\.ts$/,
                include: CORE,
                loader: 'ts-loader',
                options: { transpileOnly: true, configFile: join(ROOT, 'tsconfig.json') },
                sideEffects: false,
              },
            ],
          },
          performance: { hints: false },
        },
        (error, result) => (error || !result ? reject(error) : resolve(result)),
      );
    });
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
    const out: { [name: string]: string } = {};
    for (const name of Object.keys(entries)) out[name] = readFileSync(join(dir, 'out', `${name}.js`), 'utf8');
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
