import { expect } from 'chai';
import { ascii, fromHex, toHex } from '../../src/core/bytes';
import type { Hash } from '../../src/core/digest';
import { hmac } from '../../src/core/hmac';
import { sha1 } from '../../src/core/sha1';
import { sha256 } from '../../src/core/sha256';
import { sha512 } from '../../src/core/sha512';

function repeated(byte: number, count: number): Uint8Array {
  return new Uint8Array(count).fill(byte);
}

function counting(from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from + 1);
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}

interface HmacCase {
  key: Uint8Array;
  data: Uint8Array;
  /** Hex; when shorter than the HMAC, the case compares only that many leading bytes. */
  expected: string;
}

function check(name: string, hash: Hash, cases: HmacCase[]): void {
  cases.forEach(({ key, data, expected }, index) => {
    it(`${name} test case ${index + 1}`, () => {
      const mac = hmac(hash, key, data);
      expect(toHex(mac.subarray(0, expected.length / 2))).to.equal(expected);
    });
  });
}

describe('HMAC-SHA1: RFC 2202 §3', () => {
  const largeKey = repeated(0xaa, 80);
  check('HMAC-SHA1', sha1, [
    { key: repeated(0x0b, 20), data: ascii('Hi There'), expected: 'b617318655057264e28bc0b6fb378c8ef146be00' },
    {
      key: ascii('Jefe'),
      data: ascii('what do ya want for nothing?'),
      expected: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    },
    { key: repeated(0xaa, 20), data: repeated(0xdd, 50), expected: '125d7342b9ac11cd91a39af48aa17b4f63f175d3' },
    { key: counting(0x01, 0x19), data: repeated(0xcd, 50), expected: '4c9007f4026250c6bc8414f9bf50c86c2d7235da' },
    {
      key: repeated(0x0c, 20),
      data: ascii('Test With Truncation'),
      expected: '4c1a03424b55e07fe7f27be1d58bb9324a9a5a04',
    },
    {
      key: largeKey,
      data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
      expected: 'aa4ae5e15272d00e95705637ce8a3b55ed402112',
    },
    {
      key: largeKey,
      data: ascii('Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data'),
      expected: 'e8e99d0f45237d786d6bbaa7965c7808bbff1a91',
    },
  ]);
});

describe('HMAC-SHA256 and HMAC-SHA512: RFC 4231 §4', () => {
  // Case 5's output is truncated to 128 bits by the RFC, so it is compared on 128 bits.
  const inputs: { key: Uint8Array; data: Uint8Array }[] = [
    { key: repeated(0x0b, 20), data: ascii('Hi There') },
    { key: ascii('Jefe'), data: ascii('what do ya want for nothing?') },
    { key: repeated(0xaa, 20), data: repeated(0xdd, 50) },
    { key: counting(0x01, 0x19), data: repeated(0xcd, 50) },
    { key: repeated(0x0c, 20), data: ascii('Test With Truncation') },
    { key: repeated(0xaa, 131), data: ascii('Test Using Larger Than Block-Size Key - Hash Key First') },
    {
      key: repeated(0xaa, 131),
      data: ascii(
        'This is a test using a larger than block-size key and a larger than block-size data. ' +
          'The key needs to be hashed before being used by the HMAC algorithm.',
      ),
    },
  ];
  const sha256Expected = [
    'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
    '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    'a3b6167473100ee06e0c796c2955552b',
    '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  ];
  const sha512Expected = [
    '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    'fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb',
    'b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd',
    '415fad6271580a531d4179bc891d87a6',
    '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
    'e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58',
  ];
  check(
    'HMAC-SHA256',
    sha256,
    inputs.map((input, i) => ({ ...input, expected: sha256Expected[i] })),
  );
  check(
    'HMAC-SHA512',
    sha512,
    inputs.map((input, i) => ({ ...input, expected: sha512Expected[i] })),
  );

  it('compares truncated case 5 on exactly 128 bits', () => {
    expect(fromHex(sha256Expected[4])).to.have.length(16);
    expect(fromHex(sha512Expected[4])).to.have.length(16);
  });
});
