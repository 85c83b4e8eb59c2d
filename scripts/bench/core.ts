// The core's speed next to @noble/hashes and node:crypto in the same run, then the phone's signing
// time estimated as Chromium with 6x CPU throttling, to choose the vault's iteration count N.
import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { hmac as nobleHmac } from '@noble/hashes/hmac';
import { pbkdf2 as noblePbkdf2 } from '@noble/hashes/pbkdf2';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { hmac } from '../../src/core/hmac';
import { pbkdf2 } from '../../src/core/pbkdf2';
import { sha256 } from '../../src/core/sha256';
import { sealEnvelope, type VaultRecord } from '../../src/core/vault';
import { DEFAULT_SUITE_V2 } from '../../src/core/phoneSuite';
import type { Browser } from 'puppeteer-core';
import { PARTS as ENVELOPE } from '../../test/app/helpers/fixture';
import { launchChromium } from '../../test/support/browsers';
import { bundle, core } from '../core-bundle';
import { median } from '../median';

const PBKDF2_ITERATIONS = 20000;
const PBKDF2_REPEATS = 9;
const HMAC_MESSAGE_BYTES = 64;
const HMAC_BATCH_MS = 100;
const HMAC_BATCHES = 25;
const THROTTLE_RATE = 6;
const CANDIDATE_N = [10000, 20000, 40000];
const SIGN_REPEATS = 9;
const COLD_PAGES = 5;
const BUDGET_MS = 250;

type Contenders = { core: () => unknown; noble: () => unknown; node: () => unknown };
type Rates = { core: number; noble: number; node: number };

/**
 * Each contender's median rate over several rounds. The rounds interleave the contenders, so a
 * machine busy with something else slows all three alike and the ratios stay fair.
 */
function interleavedRates(contenders: Contenders, rounds: number, measure: (call: () => unknown) => number): Rates {
  const names = Object.keys(contenders) as (keyof Contenders)[];
  const rates: { [name in keyof Contenders]: number[] } = { core: [], noble: [], node: [] };
  for (const name of names) measure(contenders[name]);
  for (let round = 0; round < rounds; round++) for (const name of names) rates[name].push(measure(contenders[name]));
  return { core: median(rates.core), noble: median(rates.noble), node: median(rates.node) };
}

/**
 * Milliseconds of this process's CPU time (user + system) since `since`: unlike the wall clock, it
 * does not count the time other processes hold the CPU, so a shared machine skews it much less.
 */
function cpuMillis(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Calls per CPU second of one slow call, timed once. */
function timeOnce(call: () => unknown): number {
  const start = process.cpuUsage();
  call();
  return 1000 / cpuMillis(start);
}

/** Calls per CPU second of a fast call, over one batch of fixed CPU time. */
function timeBatch(call: () => unknown): number {
  let count = 0;
  let elapsed = 0;
  const start = process.cpuUsage();
  while (elapsed < HMAC_BATCH_MS) {
    for (let i = 0; i < 100; i++) call();
    count += 100;
    elapsed = cpuMillis(start);
  }
  return (count * 1000) / elapsed;
}

function printComparison(title: string, { core, noble, node }: Rates): void {
  const format = (value: number) => `${value.toFixed(value < 100 ? 2 : 0)} ops/s`.padStart(16);
  console.log(`  ${title}`);
  console.log(`    core ${format(core)}   @noble/hashes ${format(noble)}   node:crypto ${format(node)}`);
  console.log(`    core/noble ${(core / noble).toFixed(2)}x   core/node ${(core / node).toFixed(2)}x`);
}

function nodeThroughput(): void {
  const password = new TextEncoder().encode('1234');
  const salt = new Uint8Array(randomBytes(16));
  console.log(
    `Signing core speed in Node ${process.version} (per CPU second; medians of ${PBKDF2_REPEATS} runs / ${HMAC_BATCHES} batches, contenders interleaved)`,
  );
  // A loaded machine makes every figure noisier, CPU time included; say how loaded it was.
  console.log(
    `  machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min)`,
  );
  const pbkdf2Rates = interleavedRates(
    {
      core: () => pbkdf2(sha256, password, salt, PBKDF2_ITERATIONS, 32),
      noble: () => noblePbkdf2(nobleSha256, password, salt, { c: PBKDF2_ITERATIONS, dkLen: 32 }),
      node: () => pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, 32, 'sha256'),
    },
    PBKDF2_REPEATS,
    timeOnce,
  );
  printComparison(`PBKDF2-HMAC-SHA256, ${PBKDF2_ITERATIONS} iterations, 32 bytes`, pbkdf2Rates);
  const key = new Uint8Array(randomBytes(32));
  const message = new Uint8Array(randomBytes(HMAC_MESSAGE_BYTES));
  const hmacRates = interleavedRates(
    {
      core: () => hmac(sha256, key, message),
      noble: () => nobleHmac(nobleSha256, key, message),
      node: () => createHmac('sha256', key).update(message).digest(),
    },
    HMAC_BATCHES,
    timeBatch,
  );
  printComparison(`HMAC-SHA256, ${HMAC_MESSAGE_BYTES}-byte messages, 32-byte key`, hmacRates);
}

/**
 * The page's code: the app's signing path (vault + OCRA, SHA-256 only) as the default build signs, a
 * version 2 document with payment data; one signature, timed in the page.
 */
const PAGE_ENTRY = `
import { signDocument } from ${core('sign')};
import { sha256 } from ${core('sha256')};
window.signOnce = function (record) {
  var start = performance.now();
  signDocument(record, '1234', '3386095', { SHA256: sha256 }, { amount: '15000.00', payee: '4321' });
  return performance.now() - start;
};
`;

/** Least-squares line through (N, ms): signing is a fixed cost plus a cost per iteration. */
function fitLine(points: [number, number][]): { fixed: number; perIteration: number } {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const slope =
    points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) /
    points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return { fixed: meanY - slope * meanX, perIteration: slope };
}

type Signer = (record: VaultRecord) => Promise<number>;

/** A fresh page with the core loaded and the CPU throttled; signs a record and returns the milliseconds. */
async function openSigningPage(browser: Browser, code: string): Promise<{ sign: Signer; close(): Promise<void> }> {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>mobipass bench</title>');
  await page.addScriptTag({ content: code });
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
  return {
    sign: (record) =>
      page.evaluate((r) => (window as unknown as { signOnce(r: VaultRecord): number }).signOnce(r), record),
    close: () => page.close(),
  };
}

function printBudget(label: string, points: [number, number][]): void {
  const { fixed, perIteration } = fitLine(points);
  const largest = (budget: number) => {
    const n = Math.floor((budget - fixed) / perIteration / 1000) * 1000;
    return n >= 1000 ? String(n) : 'none';
  };
  console.log(
    `  ${label}: ${fixed.toFixed(1)} ms + ${(perIteration * 1000).toFixed(2)} ms per 1000 iterations; ` +
      `largest N (to 1000) signing <= ${BUDGET_MS} ms: ${largest(BUDGET_MS)}, <= ${BUDGET_MS / 2} ms (2x margin): ${largest(BUDGET_MS / 2)}`,
  );
}

async function throttledSigning(): Promise<void> {
  console.log(
    `Signing time (unwrap + OCRA, ${DEFAULT_SUITE_V2} with payment data) in headless Chromium with ${THROTTLE_RATE}x CPU throttling, the low-end phone estimate`,
  );
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    console.log(`  skipped: cannot start Chromium (${(error as Error).message.split('\n')[0]})`);
    return;
  }
  try {
    const { page: code } = await bundle({ page: PAGE_ENTRY });
    // Sealed here, so a page's first signature is its first run of the code: the phone's case
    // when the app is opened to sign one document.
    const records = CANDIDATE_N.map((n) => sealEnvelope(ENVELOPE, '1234', DEFAULT_SUITE_V2, n));
    const cold: number[][] = CANDIDATE_N.map(() => []);
    const warm: number[][] = CANDIDATE_N.map(() => []);
    for (let round = 0; round < COLD_PAGES; round++) {
      for (let i = 0; i < records.length; i++) {
        const page = await openSigningPage(browser, code);
        cold[i].push(await page.sign(records[i]));
        await page.close();
      }
    }
    const page = await openSigningPage(browser, code);
    await page.sign(records[0]);
    for (let round = 0; round < SIGN_REPEATS; round++) {
      for (let i = 0; i < records.length; i++) warm[i].push(await page.sign(records[i]));
    }
    console.log(
      `  medians: cold = first signature in a fresh page (${COLD_PAGES} pages), warm = later ones (${SIGN_REPEATS} rounds); N interleaved`,
    );
    const coldPoints: [number, number][] = CANDIDATE_N.map((n, i) => [n, median(cold[i])]);
    const warmPoints: [number, number][] = CANDIDATE_N.map((n, i) => [n, median(warm[i])]);
    CANDIDATE_N.forEach((n, i) => {
      console.log(
        `  N = ${String(n).padStart(6)}: cold ${coldPoints[i][1].toFixed(1).padStart(6)} ms   warm ${warmPoints[i][1].toFixed(1).padStart(6)} ms`,
      );
    });
    printBudget('cold', coldPoints);
    printBudget('warm', warmPoints);
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<void> {
  nodeThroughput();
  await throttledSigning();
}
