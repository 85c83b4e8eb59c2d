import { BankError } from '../errors';
import type { InstanceKeys, MasterKeyCount, MasterKeyUse, RetiredMasterKey, StoredCustomerKey } from './store';

// What both stores ask and write about master keys, in SQL both dialects run; the arguments of the
// functions are parameters in each dialect's syntax.

export const PROBE_NAME = 'master_key_probe';

/** The next customers' keys not under the master key, in user id order (rotate-master-key's batches). */
export function keysNotUnderQuery(afterUserId: string, keyId: string, limit: string): string {
  return `SELECT user_id, sealed_key, master_key_id FROM customers
    WHERE user_id > ${afterUserId} AND sealed_key IS NOT NULL AND master_key_id IS DISTINCT FROM ${keyId}
    ORDER BY user_id LIMIT ${limit}`;
}

export const MASTER_KEY_COUNTS = `SELECT master_key_id, count(*) AS customers FROM customers
  WHERE sealed_key IS NOT NULL GROUP BY master_key_id ORDER BY customers DESC, master_key_id`;

/** What uses the master key: customers' keys under it, keys without a key id, the probe (its own or none). */
export function keyUseQuery(keyId: string): string {
  return `SELECT
    (SELECT count(*) FROM customers WHERE sealed_key IS NOT NULL AND master_key_id = ${keyId}) AS customers,
    (SELECT count(*) FROM customers WHERE sealed_key IS NOT NULL AND master_key_id IS NULL) AS unlabelled,
    (SELECT count(*) FROM meta WHERE name = '${PROBE_NAME}' AND (master_key_id IS NULL OR master_key_id = ${keyId})) AS probe`;
}

export const RETIRED_KEYS = 'SELECT key_id, at, instance, actor FROM retired_master_keys ORDER BY at, key_id';

export interface CustomerKeyRow {
  user_id: string;
  sealed_key: Buffer;
  master_key_id: string | null;
}

export function customerKey(row: CustomerKeyRow): StoredCustomerKey {
  return { userId: row.user_id, sealed: { blob: row.sealed_key, keyId: row.master_key_id } };
}

export function masterKeyCount(row: { master_key_id: string | null; customers: number }): MasterKeyCount {
  return { keyId: row.master_key_id, customers: Number(row.customers) };
}

export function masterKeyUse(row: { customers: number; unlabelled: number; probe: number }): MasterKeyUse {
  return { customers: Number(row.customers), unlabelled: Number(row.unlabelled), probe: Number(row.probe) > 0 };
}

/** Nothing uses the key: it may be retired. */
export function unused(use: MasterKeyUse): boolean {
  return use.customers === 0 && use.unlabelled === 0 && !use.probe;
}

export function retiredKey(row: { key_id: string; at: number; instance: string; actor: string }): RetiredMasterKey {
  return { keyId: row.key_id, at: Number(row.at), instance: row.instance, actor: row.actor };
}

/** Why a key is not sealed under a retired master key. */
export function retiredKeyError(keyId: string): BankError {
  return new BankError(
    'config',
    `the master key ${keyId} is retired: this server must seal with the current master key (docs/BANK.md, «Rotating the master key»)`,
  );
}

/** Inserts or refreshes a server's row: the parameters instance, seals_with, opens_with, started_at, seen_at. */
export function announceStatement(parameters: [string, string, string, string, string]): string {
  const [instance, sealsWith, opensWith, startedAt, seenAt] = parameters;
  return `INSERT INTO instances (instance, seals_with, opens_with, started_at, seen_at)
    VALUES (${instance}, ${sealsWith}, ${opensWith}, ${startedAt}, ${seenAt})
    ON CONFLICT (instance) DO UPDATE SET seals_with = excluded.seals_with, opens_with = excluded.opens_with,
      started_at = excluded.started_at, seen_at = excluded.seen_at`;
}

export const INSTANCE_COLUMNS = 'instance, seals_with, opens_with, started_at, seen_at';

export interface InstanceRow {
  instance: string;
  seals_with: string;
  opens_with: string;
  started_at: number;
  seen_at: number;
}

export function instanceValues(keys: Omit<InstanceKeys, 'seenAt'>): [string, string, string, number] {
  return [keys.instance, keys.sealsWith, JSON.stringify(keys.opensWith), keys.startedAt];
}

export function instanceKeys(row: InstanceRow): InstanceKeys {
  return {
    instance: row.instance,
    sealsWith: row.seals_with,
    opensWith: JSON.parse(row.opens_with) as string[],
    startedAt: Number(row.started_at),
    seenAt: Number(row.seen_at),
  };
}
