import { UsageError } from '../../cli/args';
import { LIVE_WITHIN_MS } from '../bank';
import { rotateMasterKey } from '../rotation/master-key-rotation';
import { openMasterKeys } from '../sealer/open-sealer';
import { sealerSettings } from '../sealer/sealer-settings';
import { databaseSetting, instanceSetting, type DatabaseSetting } from '../settings';
import { openStore } from '../store/open-store';
import type { AuditContext, BankStore } from '../store/store';
import { EXIT } from './bank-cli-output';
import {
  batchJson,
  describeBatch,
  describeCounts,
  describeResult,
  describeRetired,
  describeServer,
  describeUse,
  resultJson,
} from './rotation-output';

export interface RotateOptions {
  check?: boolean;
  retire?: string;
  batch?: string;
  'pause-ms'?: string;
  db?: string;
}

/** Writes one result: `json` with --json, else `text`. */
export type Print = (json: unknown, text: string) => void;

const DEFAULT_BATCH = 500;
const MAX_BATCH = 10_000;
/** Statements of a run over a big table (a count, a scan past rotated rows) take longer than a request may. */
const ROTATION_TIMEOUT_MS = 120_000;
const KEY_ID = /^(env:[0-9a-f]{16}|pkcs11:[\x20-\x7e]{1,97})$/;

function wholeNumber(text: string | undefined, option: string, fallback: number, [min, max]: [number, number]): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new UsageError(`--${option} must be a whole number ${min}..${max}`);
  return Number(text);
}

function rotationDatabase(values: RotateOptions, env: NodeJS.ProcessEnv): DatabaseSetting {
  const database = databaseSetting(values.db, env);
  return database.kind === 'postgres'
    ? { ...database, timeoutMs: Math.max(database.timeoutMs, ROTATION_TIMEOUT_MS) }
    : database;
}

/**
 * `mobipass-bank rotate-master-key`: re-seals every customer's key under the current master key
 * (exit 0 once none is under another key, 1 if some still are); `--check` says what uses which key
 * (exit 0 when one key holds everything); `--retire KEY-ID` records that no server may seal with that
 * key again, refused (exit 1) while anything uses it. Only the rotation itself needs the master keys.
 */
export async function rotateCommand(values: RotateOptions, env: NodeJS.ProcessEnv, print: Print): Promise<number> {
  if (values.check && values.retire !== undefined) throw new UsageError('--check and --retire go separately');
  if (values.retire !== undefined && !KEY_ID.test(values.retire))
    throw new UsageError('--retire takes a key id as --check prints it (env:… or pkcs11:…)');
  const batchSize = wholeNumber(values.batch, 'batch', DEFAULT_BATCH, [1, MAX_BATCH]);
  const pauseMs = wholeNumber(values['pause-ms'], 'pause-ms', 0, [0, 60_000]);
  const instance = instanceSetting(env);
  const context = (): AuditContext => ({ at: Date.now(), instance, actor: 'cli' });
  const database = rotationDatabase(values, env);
  if (values.check || values.retire !== undefined) {
    const store = await openStore(database, { instance });
    try {
      return values.check ? await check(store, print) : await retire(store, values.retire as string, context(), print);
    } finally {
      await store.close();
    }
  }
  const keys = await openMasterKeys(sealerSettings(env));
  let store: BankStore;
  try {
    store = await openStore(database, { instance });
  } catch (error) {
    await keys.close();
    throw error;
  }
  try {
    const current = keys.current.keyId;
    const result = await rotateMasterKey(store, keys, {
      batchSize,
      pauseMs,
      context,
      onProbe: (from) =>
        print(
          { probe: { from, to: current } },
          `the master-key probe moved from ${from} to ${current}: a server without ${current} is not ready from now on`,
        ),
      onBatch: (batch) => print(batchJson(batch), describeBatch(batch)),
    });
    const remaining = result.counts.filter((count) => count.keyId !== current);
    const retirable = keys.older.map((sealer) => sealer.keyId).filter((id) => !remaining.some((c) => c.keyId === id));
    print(
      resultJson(result, current),
      [
        describeResult(result, current),
        describeCounts(result.counts),
        ...remaining.map(({ keyId, customers }) =>
          keyId === null
            ? `${customers} customers' keys have no key id and none of this run's keys opens them`
            : keys.has(keyId)
              ? `${customers} customers' keys were sealed under ${keyId} while this run went on (does a server still seal with it?): run rotate-master-key again`
              : `${customers} customers' keys are under ${keyId}, which this run does not have: give it that key too`,
        ),
        ...retirable.map(
          (id) =>
            `${id}: nothing is sealed under it any more: rotate-master-key --retire ${id}, then take it from every server`,
        ),
      ].join('\n'),
    );
    return remaining.length ? EXIT.rejected : EXIT.ok;
  } finally {
    await Promise.allSettled([store.close(), keys.close()]);
  }
}

async function check(store: BankStore, print: Print): Promise<number> {
  const [probe, counts, servers, retired] = await Promise.all([
    store.readProbe(),
    store.masterKeyCounts(),
    store.liveInstances(LIVE_WITHIN_MS),
    store.retiredMasterKeys(),
  ]);
  const probeKeyId = probe ? probe.keyId : undefined;
  const now = Date.now();
  const inUse = new Set([...counts.map((count) => count.keyId), ...(probe ? [probe.keyId] : [])]);
  print(
    { probeKeyId: probeKeyId ?? null, counts, servers, retired },
    [
      `the master-key probe: ${probe ? (probe.keyId ?? '(no key id)') : 'none yet'}`,
      describeCounts(counts),
      servers.length
        ? `running servers: ${servers.map((server) => describeServer(server, now)).join('; ')}`
        : `running servers: none said which keys they have in the last ${LIVE_WITHIN_MS / 1000} s`,
      ...retired.map(describeRetired),
    ].join('\n'),
  );
  return inUse.size <= 1 && !inUse.has(null) ? EXIT.ok : EXIT.rejected;
}

async function retire(store: BankStore, keyId: string, audit: AuditContext, print: Print): Promise<number> {
  const sealing = (await store.liveInstances(LIVE_WITHIN_MS)).filter((server) => server.sealsWith === keyId);
  if (sealing.length) {
    const message = `running servers still seal with it: ${sealing.map((server) => server.instance).join(', ')}`;
    print({ keyId, retired: false, servers: sealing }, `cannot retire ${keyId}: ${message}`);
    return EXIT.rejected;
  }
  const use = await store.retireMasterKey(keyId, audit);
  const refusal = describeUse(use);
  if (refusal) {
    print({ keyId, retired: false, use }, `cannot retire ${keyId}: ${refusal}: run rotate-master-key first`);
    return EXIT.rejected;
  }
  print(
    { keyId, retired: true },
    `retired ${keyId}: nothing is sealed under it; no server may seal with it from now on. Take it from every server's settings; destroy it once no backup you may restore needs it`,
  );
  return EXIT.ok;
}
