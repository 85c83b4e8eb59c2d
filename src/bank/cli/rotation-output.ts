import type { RotationBatch, RotationResult } from '../rotation/master-key-rotation';
import { NO_KEY_ID } from '../rotation/master-key-rotation';
import type { InstanceKeys, MasterKeyCount, MasterKeyUse, RetiredMasterKey } from '../store/store';

const iso = (ms: number) => new Date(ms).toISOString();
const listed = (counts: Map<string, number>) => [...counts].map(([keyId, count]) => `${count} ${keyId}`).join(', ');

/** `master key id: customers` for every master key in use, most used first. */
export function describeCounts(counts: MasterKeyCount[]): string {
  if (!counts.length) return "customers' keys by master key: none (no customer has a key)";
  return `customers' keys by master key: ${counts.map((count) => `${count.keyId ?? NO_KEY_ID} ${count.customers}`).join(', ')}`;
}

export function describeBatch(batch: RotationBatch): string {
  const moved = [...batch.moved.values()].reduce((sum, count) => sum + count, 0);
  const parts = [
    moved && `${moved} re-sealed (from ${listed(batch.moved)})`,
    batch.labelled && `${batch.labelled} already under it, key id recorded`,
    batch.changedMeanwhile && `${batch.changedMeanwhile} issued or revoked meanwhile, left as they are`,
    batch.unopened.size && `not opened: ${listed(batch.unopened)}`,
  ].filter(Boolean);
  return `batch ${batch.number}: ${parts.join('; ')}`;
}

export function batchJson(batch: RotationBatch): object {
  return {
    batch: batch.number,
    resealed: Object.fromEntries(batch.moved),
    labelled: batch.labelled,
    changedMeanwhile: batch.changedMeanwhile,
    unopened: Object.fromEntries(batch.unopened),
  };
}

export function describeResult(result: RotationResult, current: string): string {
  return [
    `done: ${result.moved} customers' keys re-sealed under ${current} in ${result.batches} batches`,
    result.labelled && `${result.labelled} given their key id`,
    result.changedMeanwhile && `${result.changedMeanwhile} issued or revoked meanwhile`,
  ]
    .filter(Boolean)
    .join(', ');
}

export function resultJson(result: RotationResult, current: string): object {
  return {
    currentKeyId: current,
    batches: result.batches,
    resealed: result.moved,
    labelled: result.labelled,
    changedMeanwhile: result.changedMeanwhile,
    unopened: Object.fromEntries(result.unopened),
    counts: result.counts,
  };
}

export function describeServer(server: InstanceKeys, now: number): string {
  return `${server.instance} seals with ${server.sealsWith}, opens with ${server.opensWith.join(', ')} (said so ${Math.round((now - server.seenAt) / 1000)} s ago)`;
}

export function describeRetired(retired: RetiredMasterKey): string {
  return `${retired.keyId} retired ${iso(retired.at)} by ${retired.actor} on ${retired.instance}`;
}

/** What keeps a key from being retired, in words. */
export function describeUse(use: MasterKeyUse): string {
  return [
    use.customers && `${use.customers} customers' keys are sealed under it`,
    use.unlabelled && `${use.unlabelled} customers' keys have no key id yet (any of them may be under it)`,
    use.probe && "the database's master-key probe is under it (or has no key id yet)",
  ]
    .filter(Boolean)
    .join('; ');
}
