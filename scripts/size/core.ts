// The core's size as the app bundles it, next to the whole core and to @noble/hashes for the same
// primitives, all through the same webpack production build (terser).
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { APP_CORE_ENTRY, bundle, core, CORE } from '../core-bundle';

const TARGET_GZIP = 2048;

/** (b) Every export of every core file, with all three hashes. */
const CORE_FILES = readdirSync(CORE)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3));
const FULL_CORE = `
${CORE_FILES.map((file) => `import * as ${file} from ${core(file)};`).join('\n')}
window.core = [${CORE_FILES.join(', ')}];
`;

/** (c) The peer: @noble/hashes 1.x, SHA-1 + SHA-256 + HMAC + PBKDF2 (its ESM build, tree-shaken). */
const NOBLE = `
import { sha1 } from '@noble/hashes/legacy';
import { sha256 } from '@noble/hashes/sha2';
import { hmac } from '@noble/hashes/hmac';
import { pbkdf2 } from '@noble/hashes/pbkdf2';
window.noble = [sha1, sha256, hmac, pbkdf2];
`;

/**
 * Where the bytes of (a) are: the app's imports added one layer at a time, each bundle measured whole
 * (gzip is not additive, so each layer's cost is the growth it causes).
 */
const LAYERS: [label: string, imports: string][] = [
  [
    'SHA-256 + digest frame + byte helpers',
    `import { digest } from ${core('digest')}; import { sha256 } from ${core('sha256')}; import { ascii, toHex, fromHex } from ${core('bytes')}; window.x = [digest, sha256, ascii, toHex, fromHex];`,
  ],
  ['+ HMAC', `import { hmac } from ${core('hmac')};`],
  ['+ PBKDF2', `import { pbkdf2 } from ${core('pbkdf2')};`],
  ['+ activation code and Damm', `import { checkActivationPart, activationKey } from ${core('activation')};`],
  [
    '+ vault (sealEnvelope, openKey, changePin, readVaultRecord)',
    `import { sealEnvelope, openKey, changePin, readVaultRecord } from ${core('vault')};`,
  ],
  ['+ OCRA (suite parser, message, truncation)', `import { parseOcraSuite, ocra, timeSteps } from ${core('ocra')};`],
  [
    '+ version 2 document (code, amount, question)',
    `import { documentQuestion } from ${core('document')}; import { canonicalAmount } from ${core('amount')};`,
  ],
  ['+ signDocument = (a)', `import { signDocument } from ${core('sign')};`],
];

/** Layer i's entry: the imports of layers 0..i, all kept alive. */
function layerEntry(upTo: number): string {
  const imports = LAYERS.slice(0, upTo + 1).map(([, code]) => code.replace(/ window\.x = .*$/, ''));
  const names = imports.flatMap((code) => [...code.matchAll(/import \{ ([^}]+) \}/g)].flatMap((m) => m[1].split(', ')));
  return `${imports.join('\n')}\nwindow.x = [${names.join(', ')}];`;
}

function kb(bytes: number): string {
  return `${bytes} B (${(bytes / 1024).toFixed(2)} KB)`;
}

export async function run(): Promise<void> {
  const bundles = await bundle({ appCore: APP_CORE_ENTRY, fullCore: FULL_CORE, noble: NOBLE });
  const rows: [string, string][] = [
    ['(a) core as the app bundles it (sign, vault, activation; SHA-256 only)', bundles.appCore],
    ['(b) whole core (SHA-1/256/512, HMAC, PBKDF2, OCRA, Damm, vault, version 2)', bundles.fullCore],
    ['(c) @noble/hashes 1.x sha1 + sha256 + hmac + pbkdf2', bundles.noble],
  ];
  console.log('Signing core size (webpack production, terser; gzip level 9)');
  for (const [label, code] of rows) {
    const minified = Buffer.byteLength(code);
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(`  ${label.padEnd(76)} minified ${kb(minified).padEnd(18)} gzip ${kb(gzip)}`);
  }
  const appGzip = gzipSync(bundles.appCore, { level: 9 }).length;
  const verdict = appGzip <= TARGET_GZIP ? 'within' : 'OVER';
  console.log(`  target for (a): <= ${kb(TARGET_GZIP)} gzip: ${verdict} (${appGzip} B)`);
  await printLayers();
}

async function printLayers(): Promise<void> {
  const entries: { [name: string]: string } = {};
  LAYERS.forEach((_, i) => (entries[`layer${i}`] = layerEntry(i)));
  const layers = await bundle(entries);
  console.log('  where the bytes of (a) are (each layer adds to the one above; growth in brackets):');
  let previous = { minified: 0, gzip: 0 };
  LAYERS.forEach(([label], i) => {
    const code = layers[`layer${i}`];
    const size = { minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
    const growth = `(+${size.minified - previous.minified} / +${size.gzip - previous.gzip})`;
    console.log(
      `    ${label.padEnd(46)} minified ${String(size.minified).padStart(5)} B  gzip ${String(size.gzip).padStart(5)} B  ${growth}`,
    );
    previous = size;
  });
}
