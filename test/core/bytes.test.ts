import { expect } from 'chai';
import fc from 'fast-check';
import { ascii, concatBytes, fromHex, toHex, wipe } from '../../src/core/bytes';

const bytes = fc.uint8Array({ maxLength: 200, size: 'max' });

describe('Byte helpers', () => {
  it('toHex and fromHex agree with Buffer and undo each other, in either case', () => {
    fc.assert(
      fc.property(bytes, (data) => {
        const hex = Buffer.from(data).toString('hex');
        expect(toHex(data)).to.equal(hex);
        expect(fromHex(hex)).to.deep.equal(data);
        expect(fromHex(hex.toUpperCase())).to.deep.equal(data);
      }),
      { numRuns: 1000 },
    );
  });

  it('fromHex refuses odd lengths and non-hex characters', () => {
    for (const bad of ['0', 'abc', '0g', 'zz', '00 11', '0x00', '-1']) expect(fromHex(bad), bad).to.equal(undefined);
    expect(fromHex('')).to.deep.equal(new Uint8Array(0));
  });

  it('ascii gives one byte per character code and concatBytes joins in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 100, size: 'max' }), bytes, (text, tail) => {
        expect(Buffer.from(ascii(text))).to.deep.equal(Buffer.from(text, 'latin1'));
        expect(Buffer.from(concatBytes(ascii(text), tail))).to.deep.equal(
          Buffer.concat([Buffer.from(text, 'latin1'), tail]),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('wipe zero-fills every buffer it is given and skips undefined', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Int32Array([-1, 7]);
    wipe(a, undefined, b);
    expect(Array.from(a)).to.deep.equal([0, 0, 0]);
    expect(Array.from(b)).to.deep.equal([0, 0]);
  });
});
