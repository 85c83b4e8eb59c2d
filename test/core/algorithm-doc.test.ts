// Every vector printed in docs/ALGORITHM.md, checked against the core: the contract cannot drift.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activationKey, activationSecret, checkActivationPart } from '../../src/core/activation';
import { ascii, concatBytes, fromHex, toHex } from '../../src/core/bytes';
import { digest } from '../../src/core/digest';
import { damm } from '../../src/core/damm';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { pbkdf2 } from '../../src/core/pbkdf2';
import { sha256 } from '../../src/core/sha256';
import { changePin, openKey, readVaultRecord, sealEnvelope, type VaultRecord } from '../../src/core/vault';
import { sealVersion1 } from './support/reference-vault';

const doc = readFileSync(join(__dirname, '../../docs/ALGORITHM.md'), 'utf8');
const SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';
const SALT = '000102030405060708090a0b0c0d0e0f';

/** The rows of the markdown table that follows a heading, as arrays of cell texts. */
function tableAfter(heading: string): string[][] {
  const start = doc.indexOf(heading);
  expect(start, heading).to.be.greaterThan(-1);
  const lines = doc.slice(start).split('\n').slice(1);
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (let i = first + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(
      lines[i]
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  expect(rows.length, `rows under ${heading}`).to.be.greaterThan(0);
  return rows;
}

const codes = tableAfter('### 7.1').map(([number, code, secret, key]) => ({
  number,
  parts: code.split(' '),
  secret,
  key,
}));
const keyOfCode = (number: string) => fromHex(codes.find((code) => code.number === number)!.key)!;
/** Digit-wise sum mod 10, as §4 defines it. */
const digitwiseSum = (a: string, b: string) => a.replace(/\d/g, (digit, i: number) => String((+digit + +b[i]) % 10));

describe('docs/ALGORITHM.md vectors', () => {
  it('prints the Damm table the core uses', () => {
    const rows = tableAfter('order 10 (row = interim');
    // Row r, column d is the interim after digit d from interim r; reach interim r with a one-digit prefix.
    const prefixFor = (interim: number) => String(rows[0].slice(1).indexOf(String(interim)));
    rows.forEach((row, interim) =>
      row.slice(1).forEach((cell, digit) => expect(damm(prefixFor(interim) + digit)).to.equal(+cell)),
    );
  });

  it('gives the worked example of part 2', () => {
    expect(damm('26655666')).to.equal(8);
  });

  it('derives each activation code to its S and K', () => {
    for (const code of codes) {
      expect(code.parts.map((part) => part.slice(0, 7)).join('')).to.equal(code.secret);
      expect(toHex(activationKey(code.parts))).to.equal(code.key);
    }
  });

  it('reports the invalid parts as the document says', () => {
    expect(checkActivationPart(2, '66556661')).to.deep.equal({ part: 2, problem: 'check' });
    expect(checkActivationPart(1, '66556668')).to.deep.equal({ part: 1, problem: 'check' });
    expect(checkActivationPart(3, '8656666')).to.deep.equal({ part: 3, problem: 'length' });
    expect(checkActivationPart(4, '4567777a')).to.deep.equal({ part: 4, problem: 'digits' });
  });

  it('gives every signature in 7.2', () => {
    const suite = parseOcraSuite(SUITE, allHashes);
    for (const [number, question, signature] of tableAfter('### 7.2')) {
      expect(ocra(suite, keyOfCode(number), { question }), `code ${number}, ${question}`).to.equal(signature);
    }
  });

  it('gives the worked example H and truncation', () => {
    const example = /H = `([0-9a-f]{64})`,\no = (\d+), bin = (\d+), signature `(\d{8})`/.exec(doc)!;
    expect(example, 'worked example').to.not.equal(null);
    const suite = parseOcraSuite(SUITE, { SHA256: sha256 });
    expect(ocra(suite, keyOfCode('1'), { question: '338609' })).to.equal(example[4]);
    expect(ocra({ ...suite, digits: 0 }, keyOfCode('1'), { question: '338609' })).to.equal(example[1]);
  });

  /** The two JSON records printed in §4, version 2 first. */
  const printedRecords = () => [...doc.matchAll(/```json\n(.+)\n```/g)].map((m) => JSON.parse(m[1]) as VaultRecord);
  const activated = () => sealEnvelope(codes[0].parts, '2468', SUITE, 10000);
  const version1 = () => sealVersion1(Buffer.from(keyOfCode('1')), '2468', SUITE, Buffer.from(SALT, 'hex'), 10000);
  const suite = parseOcraSuite(SUITE, allHashes);
  const sign = (key: Uint8Array) => ocra(suite, key, { question: '338609' });

  it('activates each code of 7.1 to the version-2 record in 7.3', () => {
    for (const [number, derived, effective, mask, wrapped, offset] of tableAfter('### 7.3')) {
      const parts = codes.find((code) => code.number === number)!.parts;
      const label = concatBytes(ascii('MobiPass vault 2'), new Uint8Array(1));
      expect(toHex(digest(sha256, concatBytes(label, ascii(activationSecret(parts)))))).to.equal(derived);
      expect(String(parseInt(derived.slice(32, 40), 16) % 10000).padStart(4, '0')).to.equal(effective);
      const salt = derived.slice(0, 32);
      expect(toHex(pbkdf2(sha256, ascii(effective), fromHex(salt)!, 10000, 32))).to.equal(mask);
      const record = sealEnvelope(parts, '2468', SUITE, 10000);
      expect(record).to.deep.equal({ version: 2, suite: SUITE, salt, iterations: 10000, wrapped, offset });
    }
  });

  it('prints the JSON records of §4: row 1 of 7.3 and row 1 of 7.6, both read as records', () => {
    const [v2, v1] = printedRecords();
    expect(v2).to.deep.equal(activated());
    expect(v1).to.deep.equal(version1());
    for (const record of [v1, v2]) expect(readVaultRecord(record)).to.deep.equal(record);
  });

  it('opens the record of code 1 with the PINs of 7.4', () => {
    for (const [pin, effective, key, signature] of tableAfter('### 7.4')) {
      const record = activated();
      expect(digitwiseSum(pin, record.offset)).to.equal(effective);
      expect(toHex(openKey(record, pin))).to.equal(key);
      expect(sign(openKey(record, pin))).to.equal(signature);
    }
  });

  it('changes its PIN as 7.5 shows, a mistyped current PIN included', () => {
    for (const [current, next, offset, key, signature] of tableAfter('### 7.5')) {
      const changed = changePin(activated(), current, next);
      expect(changed).to.deep.equal({ ...activated(), offset });
      expect(toHex(openKey(changed, next))).to.equal(key);
      expect(sign(openKey(changed, next))).to.equal(signature);
    }
  });

  it('seals the version-1 records in 7.6 as the reference does, and the core opens them to K', () => {
    for (const [pin, iterations, mask, wrapped] of tableAfter('### 7.6')) {
      expect(toHex(pbkdf2(sha256, ascii(pin), fromHex(SALT)!, +iterations, 32))).to.equal(mask);
      const record = sealVersion1(Buffer.from(keyOfCode('1')), pin, SUITE, Buffer.from(SALT, 'hex'), +iterations);
      expect(record).to.deep.equal({ version: 1, suite: SUITE, salt: SALT, iterations: +iterations, wrapped });
      expect(toHex(openKey(record, pin))).to.equal(codes[0].key);
    }
  });

  it('opens the version-1 record with other PINs as 7.7 shows', () => {
    for (const [pin, key, signature] of tableAfter('### 7.7')) {
      expect(toHex(openKey(version1(), pin))).to.equal(key);
      expect(sign(openKey(version1(), pin))).to.equal(signature);
    }
  });

  it('upgrades the version-1 record on a PIN change as 7.8 shows', () => {
    for (const [current, next, offset, key, signature] of tableAfter('### 7.8')) {
      const upgraded = changePin(version1(), current, next);
      expect(upgraded).to.deep.equal({ ...version1(), version: 2, offset });
      expect(toHex(openKey(upgraded, next))).to.equal(key);
      expect(sign(openKey(upgraded, next))).to.equal(signature);
    }
  });

  it('gives the digit-wise example of §4', () => {
    expect(/5811 − 2468 = 3453 .*2468 \+ 3453 = 5811/s.test(doc)).to.equal(true);
    expect(digitwiseSum('2468', '3453')).to.equal('5811');
  });
});
