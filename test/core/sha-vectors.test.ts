import { expect } from 'chai';
import { ascii, toHex } from '../../src/core/bytes';
import { digest, type Hash } from '../../src/core/digest';
import { sha1 } from '../../src/core/sha1';
import { sha256 } from '../../src/core/sha256';
import { sha512 } from '../../src/core/sha512';

// The examples of FIPS 180 (NIST's "Examples with Intermediate Values" for FIPS 180-4, and
// FIPS 180-2 Appendices A-C): "abc", the 448-bit and 896-bit messages, and one million 'a'.
const ABC = 'abc';
const MESSAGE_448 = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
const MESSAGE_896 =
  'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu';
const MILLION_A = 'a'.repeat(1000000);

const EXPECTED: [name: string, hash: Hash, message: string, label: string, digest: string][] = [
  ['SHA-1', sha1, ABC, '"abc"', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ['SHA-1', sha1, MESSAGE_448, 'the 448-bit message', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
  ['SHA-1', sha1, MESSAGE_896, 'the 896-bit message', 'a49b2446a02c645bf419f995b67091253a04a259'],
  ['SHA-1', sha1, MILLION_A, "one million 'a'", '34aa973cd4c4daa4f61eeb2bdbad27316534016f'],
  ['SHA-256', sha256, ABC, '"abc"', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'SHA-256',
    sha256,
    MESSAGE_448,
    'the 448-bit message',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    'SHA-256',
    sha256,
    MESSAGE_896,
    'the 896-bit message',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  ['SHA-256', sha256, MILLION_A, "one million 'a'", 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  [
    'SHA-512',
    sha512,
    ABC,
    '"abc"',
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  ],
  [
    'SHA-512',
    sha512,
    MESSAGE_448,
    'the 448-bit message',
    '204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445',
  ],
  [
    'SHA-512',
    sha512,
    MESSAGE_896,
    'the 896-bit message',
    '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
  ],
  [
    'SHA-512',
    sha512,
    MILLION_A,
    "one million 'a'",
    'e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b',
  ],
];

describe('SHA-1, SHA-256, SHA-512: FIPS 180 examples', () => {
  for (const [name, hash, message, label, expected] of EXPECTED) {
    it(`${name} of ${label}`, () => {
      expect(toHex(digest(hash, ascii(message)))).to.equal(expected);
    });
  }
});
