import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { wipe } from '../../core/bytes';
import { LIVE_WITHIN_MS } from '../bank';
import { openProbe, PROBE_LABEL } from '../master-key-probe';
import { BankError } from '../errors';
import { WrongMasterKey } from '../sealer/key-sealer';
import { MissingMasterKey, type MasterKeys } from '../sealer/master-keys';
import type { AuditContext, BankStore, MasterKeyCount, Reseal, StoredCustomerKey } from '../store/store';

/** How a key without a key id is counted when no key of this run opens it. */
export const NO_KEY_ID = '(no key id)';

export interface RotationOptions {
  /** Customers per batch (one transaction each). */
  batchSize: number;
  /** A pause between batches, to spare a busy database. */
  pauseMs: number;
  /** Who rotates and when, for each batch's audit records. */
  context: () => AuditContext;
  /** The probe was moved under the current key (from: its key id before). */
  onProbe?: (from: string) => void;
  onBatch?: (batch: RotationBatch) => void;
}

export interface RotationBatch {
  number: number;
  /** Customers whose key was re-sealed under the current key, by the master key it was under before. */
  moved: Map<string, number>;
  /** Keys that were under the current key without a key id: only the id was recorded. */
  labelled: number;
  /** Customers issued a new key or revoked between the read and the write: left as they are. */
  changedMeanwhile: number;
  /** Keys this run could not open, by key id: it lacks that master key, or none of its keys opens them. */
  unopened: Map<string, number>;
}

export interface RotationResult {
  batches: number;
  /** Customers' keys re-sealed under the current key. */
  moved: number;
  labelled: number;
  changedMeanwhile: number;
  unopened: Map<string, number>;
  /** Customers' keys per master key once the run is over. */
  counts: MasterKeyCount[];
}

function add(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/**
 * Re-seals every customer's K under the current master key, in batches, while servers keep verifying.
 * Each batch reads keys not under the current key (in user id order), opens each with the key that
 * sealed it, seals it under the current key, and switches each row in one transaction only if the row
 * still holds the sealed key that was read, with a `reseal` audit record per customer; K and its serial
 * stay the same, so an answer being checked meanwhile is decided on the same key. An interrupted run
 * has committed whole batches only: run again, it finds the rest. First of all the probe moves under
 * the current key, after checking that every running server can open keys sealed under it.
 */
export async function rotateMasterKey(
  store: BankStore,
  keys: MasterKeys,
  options: RotationOptions,
): Promise<RotationResult> {
  const current = keys.current.keyId;
  if ((await store.retiredMasterKeys()).some((retired) => retired.keyId === current))
    throw new BankError('config', `the master key ${current} is retired: rotate to a new one`);
  await checkRunningServers(store, current);
  await moveProbe(store, keys, options);
  const result: RotationResult = {
    batches: 0,
    moved: 0,
    labelled: 0,
    changedMeanwhile: 0,
    unopened: new Map(),
    counts: [],
  };
  for (let after = ''; ;) {
    const rows = await store.keysNotUnder(current, after, options.batchSize);
    if (!rows.length) break;
    after = rows[rows.length - 1].userId;
    const batch = await resealBatch(store, keys, rows, options.context());
    batch.number = ++result.batches;
    for (const count of batch.moved.values()) result.moved += count;
    result.labelled += batch.labelled;
    result.changedMeanwhile += batch.changedMeanwhile;
    for (const [keyId, count] of batch.unopened) add(result.unopened, keyId, count);
    options.onBatch?.(batch);
    if (options.pauseMs) await sleep(options.pauseMs);
  }
  result.counts = await store.masterKeyCounts();
  return result;
}

/**
 * A running server that cannot open keys sealed under the new key would fail every customer moved
 * under it; one that still seals with another key would write new keys the rotation must go back for.
 * Either refuses the run. (A server that is not running is checked when it starts: by the probe.)
 */
async function checkRunningServers(store: BankStore, current: string): Promise<void> {
  const servers = await store.liveInstances(LIVE_WITHIN_MS);
  const lacking = servers.filter((server) => !server.opensWith.includes(current));
  if (lacking.length)
    throw new BankError(
      'config',
      `running servers do not have the master key ${current}: ${lacking.map((server) => server.instance).join(', ')}: give every server the new key first (docs/DEPLOY.md, «Rotating the master key»)`,
    );
  const sealingOld = servers.filter((server) => server.sealsWith !== current);
  if (sealingOld.length)
    throw new BankError(
      'config',
      `running servers still seal with another master key: ${sealingOld.map((server) => `${server.instance} (${server.sealsWith})`).join(', ')}: make ${current} their current key first (docs/DEPLOY.md, «Rotating the master key»)`,
    );
}

/** The probe under the current key: from now on a server that lacks it is not ready and does not start. */
async function moveProbe(store: BankStore, keys: MasterKeys, options: RotationOptions): Promise<void> {
  const probe = await openProbe(store, keys);
  if (probe.keyId === keys.current.keyId) return;
  if (!(await store.replaceProbe(probe.blob, await keys.seal(PROBE_LABEL, randomBytes(32)))))
    throw new BankError('config', 'the master-key probe changed under this run: is another rotate-master-key running?');
  options.onProbe?.(probe.keyId);
}

async function resealBatch(
  store: BankStore,
  keys: MasterKeys,
  rows: StoredCustomerKey[],
  audit: AuditContext,
): Promise<RotationBatch> {
  const batch: RotationBatch = { number: 0, moved: new Map(), labelled: 0, changedMeanwhile: 0, unopened: new Map() };
  const current = keys.current.keyId;
  const reseals = (
    await Promise.all(
      rows.map(async ({ userId, sealed }): Promise<Reseal | undefined> => {
        let opened;
        try {
          opened = await keys.open(userId, sealed);
        } catch (error) {
          if (!(error instanceof MissingMasterKey) && !(error instanceof WrongMasterKey)) throw error;
          add(batch.unopened, sealed.keyId ?? NO_KEY_ID);
          return undefined;
        }
        try {
          // Already under the current key, only without its id: the id is recorded, the blob kept.
          const blob = opened.keyId === current ? sealed.blob : await keys.current.seal(userId, opened.key);
          return { userId, from: sealed.blob, to: { blob, keyId: current }, previousKeyId: opened.keyId };
        } finally {
          wipe(opened.key);
        }
      }),
    )
  ).filter((reseal): reseal is Reseal => reseal !== undefined);
  const switched = new Set(reseals.length ? await store.resealKeys(reseals, audit) : []);
  for (const reseal of reseals) {
    if (!switched.has(reseal.userId)) batch.changedMeanwhile++;
    else if (reseal.previousKeyId === current) batch.labelled++;
    else add(batch.moved, reseal.previousKeyId);
  }
  return batch;
}
