// `npm run package`: the OmniSD zip and the plain folder hold exactly the built app.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { buildPackage } from '../../scripts/package';
import { requireBuild } from './helpers/browserSuite';
import { DIST } from './helpers/serveDist';

describe('app sideload package', () => {
  it('OmniSD layout: application.zip with the app at its root, and metadata.json naming its manifest', () => {
    requireBuild();
    const { zip, folder } = buildPackage();
    const outer = unzipSync(readFileSync(zip));
    expect(Object.keys(outer).sort()).to.deep.equal(['application.zip', 'metadata.json']);
    const metadata = JSON.parse(new TextDecoder().decode(outer['metadata.json']));
    expect(metadata).to.deep.equal({ version: 1, manifestURL: 'app://mobipass.bank.example/manifest.webapp' });
    const app = unzipSync(outer['application.zip']);
    expect(Object.keys(app)).to.include.members([
      'index.html',
      'app.js',
      'app.css',
      'manifest.webapp',
      'manifest.webmanifest',
      'icons/56.png',
      'icons/112.png',
      'i18n/ru.json',
      'i18n/kk.json',
      'i18n/en.json',
    ]);
    for (const [name, bytes] of Object.entries(app)) {
      expect(Buffer.from(bytes).equals(readFileSync(join(DIST, 'app', name))), name).to.equal(true);
      expect(existsSync(join(folder, name)), `plain folder has ${name}`).to.equal(true);
    }
  });

  it('is reproducible: the same build gives the same zip bytes', () => {
    requireBuild();
    const first = readFileSync(buildPackage().zip);
    const second = readFileSync(buildPackage().zip);
    expect(first.equals(second)).to.equal(true);
  });
});
