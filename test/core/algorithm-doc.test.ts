// Every vector printed in docs/ALGORITHM.md, checked against the core: the contract cannot drift.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activationKey, checkActivationPart } from '../../src/core/activation';
import { ascii, fromHex, toHex } from '../../src/core/bytes';
import { damm } from '../../src/core/damm';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { pbkdf2 } from '../../src/core/pbkdf2';
import { sha256 } from '../../src/core/sha256';
import { openKey, sealKey } from '../../src/core/vault';

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

  it('seals the vault records in 7.3', () => {
    for (const [pin, iterations, mask, wrapped] of tableAfter('### 7.3')) {
      expect(toHex(pbkdf2(sha256, ascii(pin), fromHex(SALT)!, +iterations, 32))).to.equal(mask);
      const record = sealKey(keyOfCode('1'), pin, SUITE, fromHex(SALT)!, +iterations);
      expect(record).to.deep.equal({ version: 1, suite: SUITE, salt: SALT, iterations: +iterations, wrapped });
    }
  });

  it('prints the JSON record of the first row of 7.3', () => {
    const json = /```json\n(.+)\n```/.exec(doc)![1];
    expect(JSON.parse(json)).to.deep.equal(sealKey(keyOfCode('1'), '2468', SUITE, fromHex(SALT)!, 10000));
  });

  it('opens the record with other PINs as 7.4 shows', () => {
    const record = sealKey(keyOfCode('1'), '2468', SUITE, fromHex(SALT)!, 10000);
    const suite = parseOcraSuite(SUITE, allHashes);
    for (const [pin, key, signature] of tableAfter('### 7.4')) {
      const opened = openKey(record, pin);
      expect(toHex(opened)).to.equal(key);
      expect(ocra(suite, opened, { question: '338609' })).to.equal(signature);
    }
  });
});
