// The vault records a browser's profile directory holds, found the way anyone with a copy of the
// files would find them, whether current or superseded.
//  - Chromium: IndexedDB is a LevelDB per origin (<profile>/Default/IndexedDB/<origin>.indexeddb.leveldb);
//    values are V8-serialised (0xFF <version> 'o' …) inside Blink's envelope and stay in the log and
//    table files after they are overwritten or deleted, until a compaction.
//  - Gecko: IndexedDB is SQLite (<profile>/storage/default/<origin>/idb/*.sqlite and its -wal file);
//    values are structured clones compressed with raw Snappy. A deleted row's bytes stay in its page's
//    free space, and a new value lands where the old one was only when both compress to the same size.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVaultRecord, type VaultRecord } from '../../../src/core/vault';

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = lstatSync(path);
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

function distinct(records: VaultRecord[]): VaultRecord[] {
  const byText = new Map(records.map((record) => [JSON.stringify(record), record]));
  return [...byText.values()];
}

/**
 * The raw Snappy block starting at `start`, decompressed, or null when the bytes there are not one.
 * Tried at every offset of a file: a block begins with its length (a varint) and a literal.
 */
function snappyBlockAt(bytes: Buffer, start: number): Buffer | null {
  let pos = start;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= bytes.length || shift > 21) return null;
    const byte = bytes[pos++];
    length |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) break;
  }
  if (length < 64 || length > 65536 || (bytes[pos] & 3) !== 0) return null;
  const out = Buffer.alloc(length);
  let written = 0;
  while (written < length) {
    if (pos >= bytes.length) return null;
    const tag = bytes[pos++];
    if ((tag & 3) === 0) {
      let size = tag >> 2;
      if (size >= 60) {
        const width = size - 59;
        if (pos + width > bytes.length) return null;
        size = bytes.readUIntLE(pos, width);
        pos += width;
      }
      size += 1;
      if (pos + size > bytes.length || written + size > length) return null;
      bytes.copy(out, written, pos, pos + size);
      pos += size;
      written += size;
      continue;
    }
    let size: number;
    let distance: number;
    if ((tag & 3) === 1) {
      if (pos + 1 > bytes.length) return null;
      size = ((tag >> 2) & 7) + 4;
      distance = ((tag >> 5) << 8) | bytes[pos++];
    } else {
      const width = (tag & 3) === 2 ? 2 : 4;
      if (pos + width > bytes.length) return null;
      size = (tag >> 2) + 1;
      distance = bytes.readUIntLE(pos, width);
      pos += width;
    }
    if (distance === 0 || distance > written || written + size > length) return null;
    for (let k = 0; k < size; k++, written++) out[written] = out[written - distance];
  }
  return out;
}

/** A file's bytes as they are, and every Snappy block in them decompressed (LevelDB tables use Snappy too). */
function storageViews(file: string): Buffer[] {
  const bytes = readFileSync(file);
  const views: Buffer[] = [bytes];
  for (let i = 0; i < bytes.length; i++) {
    const block = snappyBlockAt(bytes, i);
    if (block) views.push(block);
  }
  return views;
}

/**
 * The V8-serialised object at `start` (0xFF, a version byte, 'o'), as far as a vault record needs:
 * one-byte strings, small integers and doubles; null for anything else.
 */
function v8ObjectAt(bytes: Buffer, start: number): { [field: string]: unknown } | null {
  let pos = start + 3;
  const varint = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = bytes[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
    throw new Error('varint too long');
  };
  const value = (): unknown => {
    const tag = bytes[pos++];
    if (tag === 0x22) {
      const length = varint();
      pos += length;
      return bytes.toString('latin1', pos - length, pos);
    }
    if (tag === 0x49) {
      const zigzag = varint();
      return zigzag % 2 ? -(zigzag + 1) / 2 : zigzag / 2;
    }
    if (tag === 0x4e) {
      pos += 8;
      return bytes.readDoubleLE(pos - 8);
    }
    throw new Error('not a vault record value');
  };
  try {
    const object: { [field: string]: unknown } = {};
    while (pos < bytes.length && bytes[pos] !== 0x7b) {
      const name = value();
      if (typeof name !== 'string') return null;
      object[name] = value();
    }
    return pos < bytes.length ? object : null;
  } catch {
    return null;
  }
}

/** Every vault record in Chromium's IndexedDB files: each V8-serialised object that reads as one. */
export function chromiumRecords(profile: string): VaultRecord[] {
  const found: VaultRecord[] = [];
  for (const view of filesUnder(join(profile, 'Default/IndexedDB')).flatMap(storageViews)) {
    for (let i = view.indexOf(0xff); i >= 0; i = view.indexOf(0xff, i + 1)) {
      const record = view[i + 2] === 0x6f ? readVaultRecord(v8ObjectAt(view, i)) : null;
      if (record) found.push(record);
    }
  }
  return distinct(found);
}

/** A structured clone's record: each field name, its string header, then the value. */
const GECKO_RECORD = /salt[^]{1,16}?([0-9a-f]{32})[^]*?wrapped[^]{1,16}?([0-9a-f]{64})[^]*?offset[^]{1,16}?(\d{4})/g;

export interface StoredFields {
  salt: string;
  wrapped: string;
  offset: string;
}

/** The salt, wrapped key and offset of every version-2 record in Gecko's files under dir. */
export function geckoRecords(dir: string): StoredFields[] {
  const found = new Map<string, StoredFields>();
  for (const view of filesUnder(dir).flatMap(storageViews)) {
    for (const [, salt, wrapped, offset] of view.toString('latin1').matchAll(GECKO_RECORD)) {
      found.set(`${salt}/${wrapped}/${offset}`, { salt, wrapped, offset });
    }
  }
  return [...found.values()];
}

/** Whether any file under dir holds the text, as it is or inside a Snappy block. */
export function geckoFilesContain(dir: string, text: string): boolean {
  return filesUnder(dir)
    .flatMap(storageViews)
    .some((view) => view.includes(text, 0, 'latin1'));
}
