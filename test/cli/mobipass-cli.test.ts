// Runs the real `mobipass` bin as a child process, as a bank's engineer or a tester would.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'chai';
import { NPX, userNpxEnv } from '../support/npx';
import { makeActivationPart } from '../../src/core/activation';
import { allHashes } from '../../src/core/allHashes';
import { damm } from '../../src/core/damm';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { DEFAULT_SUITE_V2 as V2 } from '../../src/core/phoneSuite';
import { RFC6287_KEYS, RFC6287_VECTORS, type Rfc6287Vector } from '../core/vectors/rfc6287-appendix-c';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/mobipass.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The parent's environment without the secrets the CLI would otherwise read from it. */
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOBIPASS_')));

function run(file: string, args: string[], env: NodeJS.ProcessEnv = CLEAN_ENV, stdin = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

const mobipass = (...args: string[]) => run(process.execPath, [BIN, ...args]);
const mobipassWith = (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv }) =>
  run(process.execPath, [BIN, ...args], { ...CLEAN_ENV, ...options.env }, options.stdin);

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

  it('sign takes another suite the phone can use', async () => {
    const suite = 'OCRA-1:HOTP-SHA1-6:QN10';
    const expected = ocra(parseOcraSuite(suite, allHashes), K, { question: '0042' });
    expectOutput(await mobipass('sign', '--code', CODE, '--challenge', '0042', '--suite', suite), expected);
  });

  it('sign signs a version 2 document code, and with --amount and --payee the payment, adding the check digit', async () => {
    const suite = parseOcraSuite(V2, allHashes);
    const typed = (question: string) => {
      const value = ocra(suite, K, { question });
      return value + String([...'0123456789'].find((c) => damm(value + c) === 0));
    };
    const sign = (...more: string[]) =>
      mobipass('sign', '--code', CODE, '--challenge', '3386095', '--suite', V2, ...more);
    expectOutput(await sign(), typed('3386095'));
    expectOutput(await sign('--amount', '15000', '--payee', '4321'), typed('3386095:15000:4321'));
    expectOutput(await sign('--amount', '15000.00', '--payee', '4321'), typed('3386095:15000:4321'));
    expectOutput(await sign('--amount', '15000.10', '--payee', '04321'), typed('3386095:15000.1:04321'));
  });

  it('ocra takes counters and times up to 2^64 - 1, the 8-byte fields of RFC 6287', async () => {
    const key = K.toString('hex');
    const counterSuite = 'OCRA-1:HOTP-SHA512-8:C-QN08';
    expectOutput(
      await mobipass(
        'ocra',
        '--suite',
        counterSuite,
        '--key',
        key,
        '--challenge',
        '338609',
        '--counter',
        '18446744073709551615',
      ),
      ocra(parseOcraSuite(counterSuite, allHashes), K, { question: '338609', counter: '18446744073709551615' }),
    );
    const timeSuite = 'OCRA-1:HOTP-SHA256-8:QN08-T1M';
    expectOutput(
      await mobipass('ocra', '--suite', timeSuite, '--key', key, '--challenge', '338609', '--time', 'ffffffffffffffff'),
      ocra(parseOcraSuite(timeSuite, allHashes), K, { question: '338609', time: '18446744073709551615' }),
    );
  });

  it('ocra takes the current time step for a suite with T when no --time is given', async () => {
    const suite = 'OCRA-1:HOTP-SHA256-8:QN08-T1M';
    const parsed = parseOcraSuite(suite, allHashes);
    const minute = () => Math.floor(Date.now() / 60000);
    const before = minute();
    const fromOcra = await mobipass('ocra', '--suite', suite, '--key', K.toString('hex'), '--challenge', '338609');
    const possible = [before, minute()].map((time) => ocra(parsed, K, { question: '338609', time }) + '\n');
    expect(possible).to.include(fromOcra.stdout);
  });

  it('reads the code, the key and the PIN from standard input (-) or the environment, out of sight of ps', async () => {
    const signed = ocra(parseOcraSuite('OCRA-1:HOTP-SHA256-8:QN08', allHashes), K, { question: '338609' });
    expectOutput(await mobipassWith(['sign', '--code', '-', '--challenge', '338609'], { stdin: CODE + '\n' }), signed);
    expectOutput(await mobipassWith(['sign', '--challenge', '338609'], { env: { MOBIPASS_CODE: CODE } }), signed);
    const suite = 'OCRA-1:HOTP-SHA256-8:QN08-PSHA1';
    const withPin = ocra(parseOcraSuite(suite, allHashes), K, { question: '338609', pin: '1234' });
    const key = K.toString('hex');
    expectOutput(
      await mobipassWith(['ocra', '--suite', suite, '--key', '-', '--challenge', '338609'], {
        stdin: key,
        env: { MOBIPASS_PIN: '1234' },
      }),
      withPin,
    );
    expectOutput(
      await mobipassWith(['ocra', '--suite', suite, '--challenge', '338609', '--pin', '-'], {
        stdin: '1234\n',
        env: { MOBIPASS_KEY: key },
      }),
      withPin,
    );
    expectRefusal(
      await mobipassWith(['ocra', '--suite', suite, '--challenge', '1', '--key', '-', '--pin', '-'], { stdin: 'x' }),
      /only one option can be read from standard input/,
    );
    expectRefusal(
      await mobipassWith(['sign', '--code', '-', '--challenge', '338609'], { stdin: '' }),
      /standard input was empty/,
    );
    expectRefusal(await mobipass('sign', '--challenge', '338609'), /sign needs --code \(or MOBIPASS_CODE\)/);
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

  const COMMAND_NAMES = new Set(['ocra', 'derive-key', 'sign']);
  /** sign under the version 2 suite for a valid version 2 code, with more options. */
  const signV2 = (...more: string[]) => ['sign', '--code', CODE, '--challenge', '3386095', '--suite', V2, ...more];
  const pay = (amount: string, payee: string) => signV2('--amount', amount, '--payee', payee);

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
        /--suite: not an RFC 6287 suite \(for example OCRA-1:HOTP-SHA256-8:QN08\)/,
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
        ['sign', '--code', CODE, '--challenge', '1234', '--suite', 'OCRA-1:HOTP-SHA256-8:C-QN08'],
        /--suite: a phone cannot keep a counter \(C\)/,
      ],
      [
        'a suite with a time step for sign',
        ['sign', '--code', CODE, '--challenge', '1234', '--suite', 'OCRA-1:HOTP-SHA256-8:QN08-T1M'],
        /--suite: the bank verifies from the key and the document alone: no time step \(T\)/,
      ],
      [
        'a hexadecimal question for sign (a keypad types digits)',
        ['sign', '--code', CODE, '--challenge', '00ff', '--suite', 'OCRA-1:HOTP-SHA1-6:QH10'],
        /--suite: the question must be QN \(version 1, the document code\) or QA \(version 2, code and payment\)/,
      ],
      [
        'a signature longer than the phone shows',
        ['sign', '--code', CODE, '--challenge', '1234', '--suite', 'OCRA-1:HOTP-SHA256-10:QN08'],
        /--suite: the signature must be 4 to 8 decimal digits to fit the phone's screen/,
      ],
      [
        'a PIN that is not ASCII (P hashes its bytes)',
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA256-8:QN08-PSHA1', '--key', '00', '--challenge', '1', '--pin', '12€4'],
        /--pin must be printable ASCII characters/,
      ],
      [
        'an unquoted activation code',
        ['derive-key', '--code', ...CODE.split(' ')],
        /unexpected argument after the command: options start with --; quote a value with spaces/,
      ],
      [
        'an option written with its value but unknown',
        ['derive-key', '--code', CODE, '--secret-key=0011223344'],
        /unknown option --secret-key; run mobipass --help/,
      ],
      [
        'a payment for a version 1 suite',
        ['sign', '--code', CODE, '--challenge', '338609', '--amount', '15000', '--payee', '4321'],
        /--amount and --payee are signed by version 2 suites \(QA\) only; this suite is version 1 \(QN\)/,
      ],
      ['an amount without a payee', signV2('--amount', '15000'), /give both --amount and --payee, or neither/],
      ['a payee without an amount', signV2('--payee', '4321'), /give both --amount and --payee, or neither/],
      ['an amount with a comma', pay('1500,50', '4321'), /--amount must be decimal digits with at most one '\.'/],
      ['an amount of 0', pay('0.00', '4321'), /--amount must be more than 0/],
      [
        'an amount with 3 digits after the point',
        pay('1.005', '4321'),
        /--amount has more than 2 digits after the point/,
      ],
      ['an amount of 13 digits', pay('1000000000000', '4321'), /--amount has more than 12 digits before the point/],
      ['an amount without digits', pay('.', '4321'), /--amount has no digits/],
      ['payee digits that are too many', pay('15000', '12345678901'), /--payee must be 1 to 10 decimal digits/],
      [
        'a version 2 document code with a typo',
        ['sign', '--code', CODE, '--challenge', '3386096', '--suite', V2],
        /--challenge fails its check digit: a typing mistake in the document code/,
      ],
      [
        'a version 2 document code without its check digit',
        ['sign', '--code', CODE, '--challenge', '338609', '--suite', V2],
        /--challenge must be a document code of 7 decimal digits \(the last is a check digit\)/,
      ],
      [
        'a version 2 suite of 8 digits',
        ['sign', '--code', CODE, '--challenge', '3386095', '--suite', 'OCRA-1:HOTP-SHA256-8:QA40'],
        /--suite: a version 2 \(QA\) signature has 7 digits, typed with its check digit as 8/,
      ],
      [
        'a counter past 2^64 - 1',
        [
          'ocra',
          '--suite',
          'OCRA-1:HOTP-SHA512-8:C-QN08',
          '--key',
          '00',
          '--challenge',
          '1',
          '--counter',
          '18446744073709551616',
        ],
        /--counter must be a whole number from 0 to 2\^64-1 \(an 8-byte field\)/,
      ],
      [
        'a time past 2^64 - 1',
        [
          'ocra',
          '--suite',
          'OCRA-1:HOTP-SHA512-8:QN08-T1M',
          '--key',
          '00',
          '--challenge',
          '1',
          '--time',
          '10000000000000000',
        ],
        /--time must be a whole number in hex from 0 to 2\^64-1/,
      ],
      ['an unknown command', ['verify'], /unknown command: the commands are ocra, derive-key and sign/],
      ['no command', [], /missing command/],
    ];
    for (const [label, args, reason] of cases) {
      it(label, async () => {
        const result = await mobipass(...args);
        expectRefusal(result, reason);
        const values = args.filter((arg) => !arg.startsWith('--') && arg.length >= 4 && !COMMAND_NAMES.has(arg));
        for (const value of values) expect(result.stderr, 'the refusal repeats no value given').to.not.include(value);
      });
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
