// Runs the real `mobipass` bin as a child process, as a bank's engineer or a tester would.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'chai';
import { NPX, userNpxEnv } from '../support/npx';
import { makeActivationPart } from '../../src/core/activation';
import { allHashes } from '../../src/core/hashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { RFC6287_KEYS, RFC6287_VECTORS, type Rfc6287Vector } from '../core/vectors/rfc6287-appendix-c';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/mobipass.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const mobipass = (...args: string[]) => run(process.execPath, [BIN, ...args]);

function expectOutput(result: Run, value: string): void {
  expect(result.stderr, 'stderr').to.equal('');
  expect(result.code, 'exit code').to.equal(0);
  expect(result.stdout).to.equal(value + '\n');
}

/** Exit code 2 and exactly one line on stderr, matching the reason; nothing on stdout, no stack trace. */
function expectRefusal(result: Run, reason: RegExp): void {
  expect(result.code, 'exit code').to.equal(2);
  expect(result.stdout, 'stdout').to.equal('');
  expect(result.stderr.split('\n'), 'one line on stderr').to.have.length(2);
  expect(result.stderr).to.match(/^mobipass: /);
  expect(result.stderr).to.match(reason);
}

// One activation code, made here from payloads, so the test does not depend on the docs' tables.
const PAYLOADS = ['4567889', '6655666', '8656666', '4567777'];
const PARTS = PAYLOADS.map((payload, i) => makeActivationPart(i + 1, payload));
const CODE = PARTS.join(' ');
const K = createHash('sha256').update(PAYLOADS.join('')).digest();

function withPart(position: number, part: string): string {
  return PARTS.map((p, i) => (i + 1 === position ? part : p)).join(' ');
}

/** The last row of each Appendix C table: every suite, counter 9 and the leading-zero answers. */
function lastRowOfEachTable(): Rfc6287Vector[] {
  // C.2 has two tables per suite, told apart by whose challenge comes first (CLI... or SRV...).
  const table = (v: Rfc6287Vector) => `${v.section} ${v.suite} ${/^\d/.test(v.question) ? '' : v.question.slice(0, 3)}`;
  return RFC6287_VECTORS.filter(
    (vector, i) => i + 1 === RFC6287_VECTORS.length || table(RFC6287_VECTORS[i + 1]) !== table(vector),
  );
}

describe('mobipass CLI', () => {
  describe('ocra gives the RFC 6287 Appendix C answers for the RFC inputs', () => {
    for (const vector of lastRowOfEachTable()) {
      it(`${vector.section} ${vector.suite} Q=${vector.question} -> ${vector.expected}`, async () => {
        const args = [
          'ocra',
          '--suite',
          vector.suite,
          '--key',
          RFC6287_KEYS[vector.key],
          '--challenge',
          vector.question,
        ];
        if (vector.counter !== undefined) args.push('--counter', String(vector.counter));
        if (vector.pin !== undefined) args.push('--pin', vector.pin);
        if (vector.time !== undefined) args.push('--time', vector.time);
        expectOutput(await mobipass(...args), vector.expected);
      });
    }
  });

  it('derive-key prints K = SHA-256 of the 28 payload digits, in hex', async () => {
    expectOutput(await mobipass('derive-key', '--code', CODE), K.toString('hex'));
  });

  it('derive-key also takes the parts joined by dashes or not separated at all', async () => {
    expectOutput(await mobipass('derive-key', '--code', PARTS.join('-')), K.toString('hex'));
    expectOutput(await mobipass('derive-key', '--code', PARTS.join('')), K.toString('hex'));
  });

  it('sign prints OCRA over K and the document code under the default suite', async () => {
    const expected = ocra(parseOcraSuite('OCRA-1:HOTP-SHA256-8:QN08', allHashes), K, { question: '338609' });
    expectOutput(await mobipass('sign', '--code', CODE, '--challenge', '338609'), expected);
  });

  it('sign takes another suite', async () => {
    const suite = 'OCRA-1:HOTP-SHA1-6:QH10';
    const expected = ocra(parseOcraSuite(suite, allHashes), K, { question: '00ff' });
    expectOutput(await mobipass('sign', '--code', CODE, '--challenge', '00ff', '--suite', suite), expected);
  });

  it('ocra and sign take the current time step for a suite with T when no --time is given', async () => {
    const suite = 'OCRA-1:HOTP-SHA256-8:QN08-T1M';
    const parsed = parseOcraSuite(suite, allHashes);
    const minute = () => Math.floor(Date.now() / 60000);
    const before = minute();
    const fromOcra = await mobipass('ocra', '--suite', suite, '--key', K.toString('hex'), '--challenge', '338609');
    const fromSign = await mobipass('sign', '--code', CODE, '--challenge', '338609', '--suite', suite);
    const possible = [before, minute()].map((time) => ocra(parsed, K, { question: '338609', time }) + '\n');
    expect(possible).to.include(fromOcra.stdout);
    expect(possible).to.include(fromSign.stdout);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await mobipass('--help');
    expect(result.code).to.equal(0);
    expect(result.stdout)
      .to.match(/^usage: mobipass/)
      .and.to.include('derive-key')
      .and.to.include('sign');
  });

  it('npx mobipass resolves the project\u2019s own bin from the repository root (the file:. self-link)', async () => {
    const result = await run(
      NPX,
      [
        '--no-install',
        'mobipass',
        'ocra',
        '--suite',
        'OCRA-1:HOTP-SHA1-6:QN08',
        '--key',
        RFC6287_KEYS.key20,
        '--challenge',
        '00000000',
      ],
      userNpxEnv(),
    );
    expect(result.stdout, result.stderr).to.equal('237653\n');
    expect(result.code).to.equal(0);
  });

  describe('refuses bad input with exit code 2 and one line that says what is wrong', () => {
    const typo = PARTS[1].slice(0, 7) + String((+PARTS[1][7] + 1) % 10);
    const cases: [label: string, args: string[], reason: RegExp][] = [
      [
        'a wrong check digit, naming the part',
        ['derive-key', '--code', withPart(2, typo)],
        /part 2 of the activation code fails its check digit/,
      ],
      [
        'a part typed in the wrong place',
        ['derive-key', '--code', [PARTS[0], PARTS[2], PARTS[1], PARTS[3]].join(' ')],
        /part 2 .*fails its check digit.* or part 3 typed in place 2/,
      ],
      [
        'a part of the wrong length',
        ['sign', '--code', withPart(3, PARTS[2].slice(1)), '--challenge', '1234'],
        /part 3 of the activation code has 7 characters; each part has 8 digits/,
      ],
      [
        'letters in a part',
        ['derive-key', '--code', withPart(4, 'ABCD1234')],
        /part 4 of the activation code has a character that is not a digit/,
      ],
      ['too few parts', ['derive-key', '--code', PARTS.slice(0, 3).join(' ')], /4 parts of 8 digits .*got 3 parts/],
      ['a missing option', ['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--challenge', '1'], /ocra needs --key/],
      ['an option without its value', ['ocra', '--suite'], /--suite needs a value/],
      ['an unknown option', ['sign', '--code', CODE, '--challenge', '1', '--colour', 'red'], /unknown option --colour/],
      [
        'an option of another command',
        ['derive-key', '--code', CODE, '--key', '00'],
        /--key is not an option of derive-key/,
      ],
      [
        'an unknown suite',
        ['ocra', '--suite', 'OCRA-1:HOTP-MD5-6:QN08', '--key', '00', '--challenge', '1'],
        /unknown suite "OCRA-1:HOTP-MD5-6:QN08": not an RFC 6287 suite/,
      ],
      [
        'a suite with an unsupported hash',
        ['sign', '--code', CODE, '--challenge', '1', '--suite', 'OCRA-1:HOTP-SHA384-8:QN08'],
        /unsupported hash SHA384/,
      ],
      [
        'a key that is not hex',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--key', '31323g', '--challenge', '1'],
        /--key must be hex digits/,
      ],
      [
        'a key of odd length',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--key', '313', '--challenge', '1'],
        /--key must be hex digits, an even number/,
      ],
      [
        'a challenge outside QN08',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--key', '00', '--challenge', '12ab'],
        /--challenge must be 1 to 8 decimal digits for QN08/,
      ],
      [
        'a document code with a letter',
        ['sign', '--code', CODE, '--challenge', '12ab'],
        /--challenge must be a document code of 4 to 8 decimal digits/,
      ],
      [
        'a document code shorter than the phone takes',
        ['sign', '--code', CODE, '--challenge', '123'],
        /--challenge must be a document code of 4 to 8 decimal digits/,
      ],
      [
        'a document code longer than the phone takes',
        ['sign', '--code', CODE, '--challenge', '123456789'],
        /--challenge must be a document code of 4 to 8 decimal digits/,
      ],
      [
        'a counter that is not a number',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA512-8:C-QN08', '--key', '00', '--challenge', '1', '--counter', 'x1'],
        /--counter must be a whole number/,
      ],
      [
        'a counter the suite lacks',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--key', '00', '--challenge', '1', '--counter', '1'],
        /--counter is not used/,
      ],
      [
        'a PIN the suite needs',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA256-8:QN08-PSHA1', '--key', '00', '--challenge', '1'],
        /has P \(PIN\): give --pin/,
      ],
      [
        'a session that is not hex',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08-S064', '--key', '00', '--challenge', '1', '--session', 'zz'],
        /--session must be hex of at most 64 bytes/,
      ],
      [
        'a time that is not hex',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA512-8:QN08-T1M', '--key', '00', '--challenge', '1', '--time', '12:00'],
        /--time must be a whole number in hex/,
      ],
      [
        'a suite the phone cannot sign with',
        ['sign', '--code', CODE, '--challenge', '1', '--suite', 'OCRA-1:HOTP-SHA256-8:C-QN08'],
        /the phone signs with suites of Q and T only/,
      ],
      ['an unknown command', ['verify'], /unknown command verify/],
      ['no command', [], /missing command/],
    ];
    for (const [label, args, reason] of cases) {
      it(label, async () => expectRefusal(await mobipass(...args), reason));
    }

    it('never echoes a secret: the key, the PIN or a part of the code', async () => {
      const badKey = await mobipass(
        'ocra',
        '--suite',
        'OCRA-1:HOTP-SHA1-6:QN08',
        '--key',
        'deadbeefq',
        '--challenge',
        '1',
      );
      expect(badKey.stderr).to.not.include('deadbeef');
      const badPart = await mobipass('derive-key', '--code', withPart(2, typo));
      expect(badPart.stderr).to.not.include(typo);
    });
  });
});
