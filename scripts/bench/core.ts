// The core's speed next to @noble/hashes and node:crypto in the same run, then the phone's signing
// time estimated as Chromium with 6x CPU throttling, to choose the vault's iteration count N.
import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { hmac as nobleHmac } from '@noble/hashes/hmac';
import { pbkdf2 as noblePbkdf2 } from '@noble/hashes/pbkdf2';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { hmac } from '../../src/core/hmac';
import { pbkdf2 } from '../../src/core/pbkdf2';
import { sha256 } from '../../src/core/sha256';
import { launchChromium } from '../../test/support/browsers';
import { bundle, CORE } from '../core-bundle';

const PBKDF2_ITERATIONS = 20000;
const PBKDF2_REPEATS = 7;
const HMAC_MESSAGE_BYTES = 64;
const HMAC_BATCH_MS = 300;
const HMAC_BATCHES = 7;
const THROTTLE_RATE = 6;
const CANDIDATE_N = [10000, 20000, 40000];
const SIGN_REPEATS = 9;
const BUDGET_MS = 250;

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Operations per second of one call, from the median of several timed runs. */
function pbkdf2OpsPerSecond(derive: () => unknown): number {
  derive();
  const times: number[] = [];
  for (let i = 0; i < PBKDF2_REPEATS; i++) {
    const start = process.hrtime.bigint();
    derive();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return 1000 / median(times);
}

/** Operations per second of a fast call, from the median of several fixed-length batches. */
function batchOpsPerSecond(call: () => unknown): number {
  for (let i = 0; i < 1000; i++) call();
  const rates: number[] = [];
  for (let batch = 0; batch < HMAC_BATCHES; batch++) {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < HMAC_BATCH_MS) {
      for (let i = 0; i < 100; i++) call();
      count += 100;
      elapsed = performance.now() - start;
    }
    rates.push((count * 1000) / elapsed);
  }
  return median(rates);
}

function printComparison(title: string, unit: string, core: number, noble: number, node: number): void {
  const format = (value: number) => `${value.toFixed(value < 100 ? 2 : 0)} ${unit}`.padStart(16);
  console.log(`  ${title}`);
  console.log(`    core ${format(core)}   @noble/hashes ${format(noble)}   node:crypto ${format(node)}`);
  console.log(`    core/noble ${(core / noble).toFixed(2)}x   core/node ${(core / node).toFixed(2)}x`);
}

function nodeThroughput(): void {
  const password = new TextEncoder().encode('1234');
  const salt = new Uint8Array(randomBytes(16));
  console.log(`Signing core speed in Node ${process.version} (median of ${PBKDF2_REPEATS} runs / ${HMAC_BATCHES} batches)`);
  printComparison(
    `PBKDF2-HMAC-SHA256, ${PBKDF2_ITERATIONS} iterations, 32 bytes`,
    'ops/s',
    pbkdf2OpsPerSecond(() => pbkdf2(sha256, password, salt, PBKDF2_ITERATIONS, 32)),
    pbkdf2OpsPerSecond(() => noblePbkdf2(nobleSha256, password, salt, { c: PBKDF2_ITERATIONS, dkLen: 32 })),
    pbkdf2OpsPerSecond(() => pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, 32, 'sha256')),
  );
  const key = new Uint8Array(randomBytes(32));
  const message = new Uint8Array(randomBytes(HMAC_MESSAGE_BYTES));
  printComparison(
    `HMAC-SHA256, ${HMAC_MESSAGE_BYTES}-byte messages, 32-byte key`,
    'ops/s',
    batchOpsPerSecond(() => hmac(sha256, key, message)),
    batchOpsPerSecond(() => nobleHmac(nobleSha256, key, message)),
    batchOpsPerSecond(() => createHmac('sha256', key).update(message).digest()),
  );
}

/** The page's code: the app's signing path (vault + OCRA, SHA-256 only), timed inside the page. */
const PAGE_ENTRY = `
import { signDocument } from ${JSON.stringify(join(CORE, 'sign'))};
import { sealKey } from ${JSON.stringify(join(CORE, 'vault'))};
import { sha256 } from ${JSON.stringify(join(CORE, 'sha256'))};
window.timeSignatures = function (iterations, repeats) {
  var record = sealKey(new Uint8Array(32), '1234', 'OCRA-1:HOTP-SHA256-8:QN08', new Uint8Array(16), iterations);
  var times = [];
  for (var i = 0; i < repeats; i++) {
    var start = performance.now();
    signDocument(record, '1234', '33860912', { SHA256: sha256 }, Date.now());
    times.push(performance.now() - start);
  }
  return times;
};
`;

/** Least-squares line through (N, ms): signing is a fixed cost plus a cost per iteration. */
function fitLine(points: [number, number][]): { fixed: number; perIteration: number } {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const slope = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) / points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return { fixed: meanY - slope * meanX, perIteration: slope };
}

async function throttledSigning(): Promise<void> {
  console.log(`Signing time (unwrap + OCRA) in headless Chromium with ${THROTTLE_RATE}x CPU throttling, the low-end phone estimate`);
  let browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    console.log(`  skipped: cannot start Chromium (${(error as Error).message.split('\n')[0]})`);
    return;
  }
  try {
    const { page: code } = await bundle({ page: PAGE_ENTRY });
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>mobipass bench</title>');
    await page.addScriptTag({ content: code });
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
    const points: [number, number][] = [];
    for (const iterations of CANDIDATE_N) {
      // The first run includes compiling the code, as the phone's first signature after start does.
      const times = await page.evaluate((n, repeats) => (window as unknown as { timeSignatures(n: number, r: number): number[] }).timeSignatures(n, repeats), iterations, SIGN_REPEATS + 1);
      const [first, ...rest] = times;
      const typical = median(rest);
      points.push([iterations, typical]);
      const fits = typical <= BUDGET_MS ? (typical <= BUDGET_MS / 2 ? '<= 125 ms' : '<= 250 ms') : '> 250 ms';
      console.log(`  N = ${String(iterations).padStart(6)}: median ${typical.toFixed(1).padStart(6)} ms per signature (first run ${first.toFixed(1)} ms)  ${fits}`);
    }
    const { fixed, perIteration } = fitLine(points);
    const largest = (budget: number) => Math.floor((budget - fixed) / perIteration / 1000) * 1000;
    console.log(`  fit: ${fixed.toFixed(1)} ms + ${(perIteration * 1000).toFixed(2)} ms per 1000 iterations`);
    console.log(`  largest N (rounded down to 1000) with signing <= ${BUDGET_MS} ms: ${largest(BUDGET_MS)}; <= ${BUDGET_MS / 2} ms (2x margin): ${largest(BUDGET_MS / 2)}`);
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<void> {
  nodeThroughput();
  await throttledSigning();
}
