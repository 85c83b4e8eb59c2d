import { expect } from 'chai';
import { parseMasterKey } from '../../src/bank/master-key';
import { KeySealer } from '../../src/bank/key-sealer';
import { envelopeHtml, envelopeText } from '../../src/bank/envelope';
import { TEST_MASTER_KEY, TEST_MASTER_KEY_HEX } from './support/bank-fixture';

describe('bank: master key, key sealing, envelope', () => {
  it('reads a 64-hex-digit master key and explains a missing or malformed one', () => {
    expect(parseMasterKey(TEST_MASTER_KEY_HEX)).to.deep.equal(TEST_MASTER_KEY);
    expect(() => parseMasterKey(undefined)).to.throw('MOBIPASS_MASTER_KEY is not set');
    expect(() => parseMasterKey('')).to.throw('MOBIPASS_MASTER_KEY is not set');
    expect(() => parseMasterKey('abc')).to.throw('must be exactly 64 hex digits');
    expect(() => parseMasterKey('z'.repeat(64))).to.throw('must be exactly 64 hex digits');
  });

  it('seals a key so it opens only under the same master key and customer', () => {
    const sealer = new KeySealer(TEST_MASTER_KEY);
    const key = new Uint8Array(32).fill(5);
    const sealed = sealer.seal('alice', key);
    expect(sealed.includes(Buffer.from(key))).to.equal(false);
    expect([...sealer.open('alice', sealed)]).to.deep.equal([...key]);
    expect(() => sealer.open('bob', sealed)).to.throw('master key does not open');
    expect(() => new KeySealer(Buffer.alloc(32, 1)).open('alice', sealed)).to.throw('master key does not open');
  });

  it('prints the 4 parts in order under «Код активации Mobipass», as text and as escaped HTML', () => {
    const parts = ['11111118', '22222227', '33333336', '44444445'];
    const text = envelopeText({ customer: 'alice', parts });
    expect(text).to.match(/^Код активации Mobipass\n/);
    expect(text).to.include(
      'Первая часть: 11111118\nВторая часть: 22222227\nТретья часть: 33333336\nЧетвертая часть: 44444445',
    );
    const html = envelopeHtml({ customer: '<b>&"\'', parts });
    expect(html).to.include('<h1>Код активации Mobipass</h1>');
    expect(html).to.include('&lt;b&gt;&amp;&quot;&#39;').and.not.include('<b>');
    expect(html.indexOf('11111118')).to.be.lessThan(html.indexOf('44444445'));
  });
});
