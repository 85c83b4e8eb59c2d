// Every vector printed in docs/ALGORITHM.md, checked against the core: the contract cannot drift.
import { expect } from 'chai';
import { readBankConfig } from '../../src/app/build/bankConfig';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activationKey, activationSecret, checkActivationPart } from '../../src/core/activation';
import { ascii, concatBytes, fromHex, toHex } from '../../src/core/bytes';
import { digest } from '../../src/core/digest';
import { damm } from '../../src/core/damm';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { canonicalAmount } from '../../src/core/amount';
import { readAnswer } from '../../src/core/answer';
import { documentCodeProblem, documentQuestion, makeDocumentCode } from '../../src/core/document';
import { DEFAULT_SUITE, DEFAULT_SUITE_V2, V2_QUESTION_MAX_LENGTH } from '../../src/core/phoneSuite';
import { typedValue } from '../../src/core/sign';
import { parseActivationCode } from '../../src/cli/mobipass-input';
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

  it('gives every signature in 7.2, for codes the phone takes', () => {
    const suite = parseOcraSuite(SUITE, allHashes);
    for (const [number, question, signature] of tableAfter('### 7.2')) {
      expect(documentCodeProblem(suite, question), question).to.equal(null);
      expect(ocra(suite, keyOfCode(number), { question }), `code ${number}, ${question}`).to.equal(signature);
      expect(typedValue(suite, keyOfCode(number), question)).to.equal(signature);
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

/** The backticked spellings in the doc's text from one phrase up to the end of its sentence. */
function quotedAfter(phrase: string): string[] {
  const start = doc.indexOf(phrase);
  expect(start, phrase).to.be.greaterThan(-1);
  const paragraph = doc.slice(start + phrase.length).split(/\.\n|\.$/m)[0];
  return [...paragraph.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
const V2 = parseOcraSuite(DEFAULT_SUITE_V2, allHashes);

describe('docs/ALGORITHM.md vectors beyond the signatures', () => {
  it('names the default suites of both versions and the longest version 2 question', () => {
    expect(doc).to.include(`\`${DEFAULT_SUITE}\` (version 1: existing envelopes and phones)`);
    expect(doc).to.include(
      `\`${DEFAULT_SUITE_V2}\` (version 2: the default build and the demo bank, with payment data)`,
    );
    const { config } = readBankConfig({});
    expect([config.suite, config.payment?.payeeDigits]).to.deep.equal([DEFAULT_SUITE_V2, 4]);
    expect(doc).to.include(`(\`${config.suite}\`, the last ${config.payment?.payeeDigits} digits of the payee's`);
    expect(V2_QUESTION_MAX_LENGTH).to.equal(34);
    expect(doc).to.include(`(at most 7+1+15+1+10 = ${V2_QUESTION_MAX_LENGTH})`);
  });

  it('takes and refuses the activation code spellings of 7.1', () => {
    const taken = quotedAfter('Spellings of code 1 the tools take (§1):');
    expect(taken).to.have.length(3);
    expect(taken[1]).to.include('\t');
    for (const spelling of taken) expect(parseActivationCode(spelling), spelling).to.deep.equal(codes[0].parts);
    const refused = quotedAfter('Spellings they refuse:');
    expect(refused).to.have.length(3);
    for (const spelling of refused) expect(() => parseActivationCode(spelling), spelling).to.throw(/4 parts/);
  });

  it('takes, refuses and signs the version 1 codes of 7.9 as the table says', () => {
    const suite = parseOcraSuite(SUITE, allHashes);
    for (const [code, phone, signature] of tableAfter('### 7.9')) {
      const problem = documentCodeProblem(suite, code);
      expect(problem ? `refuses: ${problem}` : 'signs', code).to.equal(phone);
      if (!problem) expect(typedValue(suite, keyOfCode('1'), code), code).to.equal(signature);
    }
  });

  it('truncates at o = H[len - 1] & 0x0f for each hash, as 7.10 shows', () => {
    for (const [text, mac, offset, bin, value] of tableAfter('### 7.10')) {
      const suite = parseOcraSuite(text, allHashes);
      expect(ocra({ ...suite, digits: 0 }, keyOfCode('1'), { question: '338609' })).to.equal(mac);
      const h = fromHex(mac)!;
      expect(h[h.length - 1] & 0x0f, text).to.equal(+offset);
      expect(new DataView(h.buffer).getUint32(+offset) & 0x7fffffff).to.equal(+bin);
      expect(String(+bin % 1e8).padStart(8, '0')).to.equal(value);
      expect(ocra(suite, keyOfCode('1'), { question: '338609' })).to.equal(value);
    }
  });

  it('gives the values of 7.11: ASCII and mutual questions, 8-byte counters and times', () => {
    for (const [text, question, counter, time, value] of tableAfter('### 7.11')) {
      const input = {
        question,
        counter: counter || undefined,
        time: time ? BigInt('0x' + time).toString() : undefined,
      };
      expect(ocra(parseOcraSuite(text, allHashes), keyOfCode('1'), input), `${text} ${question}`).to.equal(value);
    }
  });

  it('makes and checks the version 2 document codes of 7.12', () => {
    const [made, typed] = [tableAfter('### 7.12'), tableAfter('Typed into the phone (`QA40`)')];
    for (const [random, code] of made) {
      expect(makeDocumentCode(random)).to.equal(code);
      expect(documentCodeProblem(V2, code)).to.equal(null);
    }
    expect(doc).to.include('(`338609` → `3386095`)');
    for (const [code, phone] of typed) {
      const problem = documentCodeProblem(V2, code);
      expect(problem ? `refuses: ${problem}` : 'signs', code).to.equal(phone.replace(/ \(.*\)$/, ''));
    }
  });

  it('signs amounts in the canonical forms of 7.13', () => {
    for (const [typed, signed] of tableAfter('### 7.13')) {
      const result = canonicalAmount(unquote(typed));
      expect(result.amount ? `\`${result.amount}\`` : `refused: ${result.problem}`, typed).to.equal(
        signed.replace(/ \(.*\)$/, ''),
      );
    }
  });

  it('builds the questions and values of 7.14', () => {
    for (const [number, code, amount, payee, question, value, typed] of tableAfter('### 7.14')) {
      const payment = amount ? { amount, payee } : undefined;
      expect(documentQuestion(V2, code, payment)).to.equal(question);
      expect(ocra(V2, keyOfCode(number), { question })).to.equal(value);
      expect(typed).to.equal(value + damm(value));
      expect(typedValue(V2, keyOfCode(number), code, payment)).to.equal(typed);
    }
  });

  it('gives the worked example of version 2', () => {
    const example =
      /code `(\d{7})`, amount `(\d+)`, payee `(\d+)`\): Q = `([^`]+)`,\nM = `ASCII\("([^"]+)"\) ‖ 0x00 ‖ Q ‖ (\d+) × 0x00` \(25 \+ 1 \+ 128 bytes\), V = `(\d{7})`,\nR = `(\d{8})`, shown `(\d{4}) (\d{4})`/.exec(
        doc,
      )!;
    expect(example, 'worked example').to.not.equal(null);
    const [, code, amount, payee, question, suite, zeros, value, typed, first, second] = example;
    expect(suite).to.equal(DEFAULT_SUITE_V2);
    expect(suite.length).to.equal(25);
    expect(documentQuestion(V2, code, { amount, payee })).to.equal(question);
    expect(+zeros).to.equal(128 - question.length);
    expect(ocra(V2, keyOfCode('1'), { question })).to.equal(value);
    expect(typedValue(V2, keyOfCode('1'), code, { amount, payee })).to.equal(typed);
    expect(first + second).to.equal(typed);
    expect(doc).to.include(`code \`${code}\`, amount \`15000.00\`, payee \`${payee}\` →\n\`${question}\``);
  });

  it('decides the answers of 7.15 as §5.3 says', () => {
    const signatures = [...tableAfter('### 7.14').map((row) => row[6]), ...tableAfter('### 7.2').map((row) => row[2])];
    for (const [text, expected, typed, result] of tableAfter('### 7.15')) {
      expect(signatures, 'an answer to a signature of 7.2 or 7.14').to.include(expected);
      const answer = readAnswer(parseOcraSuite(text, allHashes), unquote(typed));
      const decision =
        answer.problem === 'format'
          ? 'bad input'
          : answer.problem || (answer.answer === expected ? 'accepted' : 'rejected');
      expect(decision, `${text} ${typed}`).to.equal(result.replace(/ \(.*\)$/, ''));
    }
  });
});
