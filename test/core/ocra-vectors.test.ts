import { expect } from 'chai';
import { ascii, fromHex, toHex } from '../../src/core/bytes';
import { digest } from '../../src/core/digest';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { sha1 } from '../../src/core/sha1';
import { RFC6287_KEYS, RFC6287_PIN, RFC6287_PIN_SHA1, RFC6287_VECTORS } from './vectors/rfc6287-appendix-c';

describe('OCRA: RFC 6287 Appendix C', () => {
  it('hashes the Appendix C PIN 1234 to the value the RFC prints', () => {
    expect(toHex(digest(sha1, ascii(RFC6287_PIN)))).to.equal(RFC6287_PIN_SHA1);
  });

  for (const vector of RFC6287_VECTORS) {
    const inputs = [`Q=${vector.question}`];
    if (vector.counter !== undefined) inputs.push(`C=${vector.counter}`);
    if (vector.time !== undefined) inputs.push(`T=${vector.time}`);
    it(`${vector.section} ${vector.suite} ${inputs.join(' ')} gives ${vector.expected}`, () => {
      const suite = parseOcraSuite(vector.suite, allHashes);
      const value = ocra(suite, fromHex(RFC6287_KEYS[vector.key]) as Uint8Array, {
        question: vector.question,
        counter: vector.counter,
        pin: vector.pin,
        time: vector.time === undefined ? undefined : parseInt(vector.time, 16),
      });
      expect(value).to.equal(vector.expected);
    });
  }
});
