import type { HashTable } from '../../core/ocra';
import { sha1 } from '../../core/sha1';
import { sha256 } from '../../core/sha256';
import { sha512 } from '../../core/sha512';

/** The name of the one hash the bank's suite uses; a build-time constant, so the others are dropped. */
declare const MOBIPASS_SUITE_HASH: string;

/** Only the hash the configured suite needs: what the core's parseOcraSuite gets on the phone. */
export const suiteHashes: HashTable = {};
suiteHashes[MOBIPASS_SUITE_HASH] =
  MOBIPASS_SUITE_HASH === 'SHA1' ? sha1 : MOBIPASS_SUITE_HASH === 'SHA512' ? sha512 : sha256;
