import { sha1 } from './sha1';
import { sha256 } from './sha256';
import { sha512 } from './sha512';
import type { HashTable } from './ocra';

/** Every hash an OCRA suite can name. Builds that know their suite import only what it needs. */
export const allHashes: HashTable = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };
