import { expect } from 'chai';
import { parseMasterKey } from '../../src/bank/master-key';
import { KeySealer } from '../../src/bank/key-sealer';
import { envelopeHtml, envelopeText } from '../../src/bank/envelope';
import { TEST_MASTER_KEY, TEST_MASTER_KEY_HEX } from './support/bank-fixture';
import { DEFAULT_HTTP_LIMITS, httpLimits } from '../../src/bank/settings';
import { metricsTokenSetting } from '../../src/bank/http/metrics-route';

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

  it('reads the HTTP limits from the environment, each with its default, and explains a bad one', () => {
    expect(httpLimits({})).to.deep.equal(DEFAULT_HTTP_LIMITS);
    expect(DEFAULT_HTTP_LIMITS).to.deep.equal({
      requestTimeoutMs: 10000,
      headersTimeoutMs: 5000,
      keepAliveTimeoutMs: 65000,
      connectionTimeoutMs: 15000,
      maxConnections: 1000,
      shutdownTimeoutMs: 10000,
    });
    expect(httpLimits({ MOBIPASS_MAX_CONNECTIONS: '50', MOBIPASS_SHUTDOWN_TIMEOUT_MS: '' })).to.deep.equal({
      ...DEFAULT_HTTP_LIMITS,
      maxConnections: 50,
    });
    expect(() => httpLimits({ MOBIPASS_REQUEST_TIMEOUT_MS: '0' })).to.throw(
      'MOBIPASS_REQUEST_TIMEOUT_MS must be a whole number above 0, not 0',
    );
    expect(() => httpLimits({ MOBIPASS_KEEP_ALIVE_TIMEOUT_MS: '5s' })).to.throw('a whole number above 0');
    expect(() => httpLimits({ MOBIPASS_HEADERS_TIMEOUT_MS: '20000' })).to.throw(
      'MOBIPASS_HEADERS_TIMEOUT_MS must not be longer than MOBIPASS_REQUEST_TIMEOUT_MS',
    );
  });

  it('takes a metrics token only of its own: long enough and not the API token', () => {
    const apiToken = 'a'.repeat(40);
    expect(metricsTokenSetting({}, apiToken)).to.equal(undefined);
    expect(metricsTokenSetting({ MOBIPASS_METRICS_TOKEN: 'm'.repeat(32) }, apiToken)).to.equal('m'.repeat(32));
    expect(() => metricsTokenSetting({ MOBIPASS_METRICS_TOKEN: 'short' }, apiToken)).to.throw(
      'MOBIPASS_METRICS_TOKEN must be at least 32 characters without spaces',
    );
    expect(() => metricsTokenSetting({ MOBIPASS_METRICS_TOKEN: apiToken }, apiToken)).to.throw(
      'MOBIPASS_METRICS_TOKEN must differ from MOBIPASS_API_TOKEN: the scraper must not hold the API token',
    );
  });
});
