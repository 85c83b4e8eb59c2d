// What a copy of the phone's storage gives away when the browser keeps old records on disk (issue 8 §1).
//  - Chromium keeps every superseded record in its LevelDB files. The attack: open each record found
//    there with all 10^4 PINs (node:crypto, not the app's code) and intersect the candidate keys.
//    Version-2 records of one envelope all open to the same 10^4 keys, so nothing is left out; two
//    version-1 records (a fresh salt per save) leave exactly one key, the envelope's, and both PINs.
//  - Firefox ESR (Gecko, KaiOS's engine family) must keep no superseded record in its files at all.
// Run once, not per browser: each part is about one engine's storage.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaultRecord } from '../../src/core/vault';
import { launchChromium, launchFirefox } from '../support/browsers';
import { candidateKeys, digitwise, sealVersion1 } from '../core/support/reference-vault';
import { requireBuild } from './helpers/browserSuite';
import { BANK, builtTexts, CODE, expectedSignature, KEY_HEX, OTHER_PIN, PIN } from './helpers/fixture';
import { activate, shownValue, sign } from './helpers/flows';
import { Phone } from './helpers/phone';
import { serveDist, type DistServer } from './helpers/serveDist';
import { chromiumRecords, filesUnder, geckoFilesContain, geckoRecords } from './helpers/storedRecords';

const ru = builtTexts('ru');
const THIRD_PIN = '7391';

/** The candidate keys every record opens to, as key hex → the PIN that gives it, one map per record. */
async function attack(records: VaultRecord[]): Promise<Map<string, string>[]> {
  const masks = new Map<string, Promise<Buffer>>();
  return Promise.all(records.map((record) => candidateKeys(record, masks)));
}

function intersection(candidates: Map<string, string>[]): string[] {
  return [...candidates[0].keys()].filter((key) => candidates.every((keys) => keys.has(key)));
}

async function changePin(phone: Phone, current: string, next: string): Promise<void> {
  await phone.choose(ru.changePin);
  const screen = await phone.keys(current, next, next, 'Enter');
  expect(screen.dialog).to.equal(ru.pinChanged);
  await phone.keys('Enter');
}

async function deleteKey(phone: Phone): Promise<void> {
  await phone.choose(ru.deleteKey);
  const screen = await phone.keys('SoftRight');
  expect(screen.dialog).to.equal(ru.keyDeleted);
  await phone.keys('Enter');
}

describe('vault records left in the browser profile', function () {
  this.timeout(120000);
  let server: DistServer;
  const profiles: string[] = [];
  const newProfile = () => {
    profiles.push(mkdtempSync(join(tmpdir(), 'mobipass-profile-')));
    return profiles[profiles.length - 1];
  };
  before(async () => {
    requireBuild();
    server = await serveDist();
  });
  after(async () => {
    if (server) await server.close();
    profiles.forEach((profile) => rmSync(profile, { recursive: true, force: true }));
  });

  it('Chromium keeps superseded records; opened with all 10^4 PINs each, they share all 10^4 candidates, not one', async () => {
    const profile = newProfile();
    const browser = await launchChromium({ profile });
    let current: VaultRecord;
    try {
      const phone = await Phone.open(browser, 'chromium', `${server.origin}/app/index.html`, { inProfile: true });
      await activate(phone, PIN);
      await changePin(phone, PIN, OTHER_PIN);
      await deleteKey(phone);
      await activate(phone, THIRD_PIN);
      current = (await phone.vaultRecord()) as VaultRecord;
      await phone.close();
    } finally {
      await browser.close();
    }

    const records = chromiumRecords(profile);
    expect(records.map((record) => JSON.stringify(record))).to.include(JSON.stringify(current));
    // Three records were written (activation, PIN change, activation again); compaction may drop some.
    expect(records.length).to.be.at.least(2, 'a superseded record is still on disk: what the attack needs');
    const candidates = await attack(records);
    candidates.forEach((keys) => expect(keys.size).to.equal(10000));
    const common = intersection(candidates);
    expect(common).to.have.length(10000, 'every candidate key is common to all the records');
    expect(common).to.include(KEY_HEX);
    // All they tell together: under every candidate key, the PINs differ by the offsets' difference.
    const [first, ...others] = records as Extract<VaultRecord, { version: 2 }>[];
    others.forEach((record, i) => {
      const difference = digitwise(first.offset, '-', record.offset);
      for (const key of common)
        expect(candidates[i + 1].get(key)).to.equal(digitwise(candidates[0].get(key)!, '+', difference));
    });
  });

  it('on version-1 records the same attack leaves one key, the envelope’s, and both PINs; the upgrade joins the old record’s set', async () => {
    // Records as the version-1 app wrote them: at activation and at a PIN change, each with a fresh
    // salt. N = 1000 keeps the attack short: N sets the time of each opening, not what intersects.
    const key = Buffer.from(KEY_HEX, 'hex');
    const saved = sealVersion1(key, PIN, BANK.suite, randomBytes(16), 1000);
    const changed = sealVersion1(key, OTHER_PIN, BANK.suite, randomBytes(16), 1000);
    const [savedKeys, changedKeys] = await attack([saved, changed]);
    const common = intersection([savedKeys, changedKeys]);
    expect(common).to.deep.equal([KEY_HEX]);
    expect([savedKeys.get(KEY_HEX), changedKeys.get(KEY_HEX)]).to.deep.equal([PIN, OTHER_PIN]);

    // This app opens the version-1 record it finds and upgrades it on the next PIN change.
    const browser = await launchChromium();
    let upgraded: VaultRecord;
    try {
      const phone = await Phone.open(browser, 'chromium', `${server.origin}/app/index.html`);
      await phone.writeVaultRecord(saved);
      await phone.reload();
      expect(shownValue(await sign(phone, PIN, CODE))).to.equal(expectedSignature(CODE));
      await phone.keys('Enter');
      await changePin(phone, PIN, THIRD_PIN);
      upgraded = (await phone.vaultRecord()) as VaultRecord;
      expect(shownValue(await sign(phone, THIRD_PIN, CODE))).to.equal(expectedSignature(CODE));
      await phone.close();
    } finally {
      await browser.close();
    }
    expect(upgraded).to.deep.include({ version: 2, salt: saved.salt, iterations: 1000, wrapped: saved.wrapped });
    const [again, upgradedKeys] = await attack([saved, upgraded]);
    expect(intersection([again, upgradedKeys])).to.have.length(10000);
  });

  it('Firefox ESR keeps no superseded record in its files after a PIN change, and none at all after deleting', async () => {
    const profile = newProfile();
    const browser = await launchFirefox({ profile });
    try {
      const phone = await Phone.open(browser, 'firefox', `${server.origin}/app/index.html`, { inProfile: true });
      const port = new URL(server.origin).port;
      const originFiles = () =>
        filesUnder(join(profile, 'storage/default')).filter((file) => file.includes(`127.0.0.1+${port}`));
      const originDir = join(profile, 'storage/default');
      /** Gecko commits to a write-ahead log and copies it into the database when idle (about 2 s). */
      const settled = async () => {
        for (let waited = 0; waited < 20000; waited += 200) {
          if (!originFiles().some((file) => file.endsWith('-wal') && statSync(file).size > 0)) return;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        throw new Error('Gecko did not checkpoint its write-ahead log within 20 s');
      };
      const fields = ({ salt, wrapped, offset }: { salt: string; wrapped: string; offset: string }) => ({
        salt,
        wrapped,
        offset,
      });

      await activate(phone, PIN);
      const first = (await phone.vaultRecord()) as Extract<VaultRecord, { version: 2 }>;
      await settled();
      expect(originFiles().some((file) => file.endsWith('.sqlite'))).to.equal(
        true,
        'the origin has its IndexedDB file',
      );
      expect(geckoRecords(originDir)).to.deep.equal([fields(first)], 'the search finds the current record');

      await changePin(phone, PIN, OTHER_PIN);
      const second = (await phone.vaultRecord()) as Extract<VaultRecord, { version: 2 }>;
      expect(second.offset).to.not.equal(first.offset);
      await settled();
      expect(geckoRecords(originDir)).to.deep.equal(
        [fields(second)],
        'only the current record, not the superseded one',
      );

      await deleteKey(phone);
      await settled();
      expect(geckoRecords(originDir)).to.deep.equal([]);
      for (const text of [first.wrapped, first.salt]) expect(geckoFilesContain(originDir, text)).to.equal(false);

      await activate(phone, PIN);
      expect(shownValue(await sign(phone, PIN, CODE))).to.equal(expectedSignature(CODE));
      await phone.close();
    } finally {
      await browser.close();
    }
  });
});
