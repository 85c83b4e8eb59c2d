import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { DEMO_CUSTOMER } from '../../src/bank/http/demo-routes';
import { TEST_ACTOR } from './support/bank-fixture';
import { DemoFixture } from './support/demo-fixture';

interface Reply {
  status: number;
  body: string;
}

/** A request with exactly these headers (Host, Origin, Sec-Fetch-Site as a browser or an attacker sends them). */
function send(
  address: string,
  method: string,
  path: string,
  headers: { [name: string]: string },
  body = '',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${address}${path}`, { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode as number, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** What a cross-site form, a no-cors fetch or a sendBeacon can POST without asking the server first. */
const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];

describe('demo server (npm start): only its own page acts for the demo customer', function () {
  this.timeout(30000);
  let demo: DemoFixture;
  let host: string;
  let ownPage: { [name: string]: string };

  before(async () => {
    demo = await new DemoFixture().start();
    host = new URL(demo.address).host;
    ownPage = {
      host,
      origin: demo.address,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
    };
  });
  after(() => demo.stop());

  const issued = async () =>
    await demo.bank.status(DEMO_CUSTOMER).then(
      () => true,
      () => false,
    );

  it("refuses another site's POSTs: no envelope is issued and its parts never leave", async () => {
    for (const type of SIMPLE_TYPES) {
      const headers = { host, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': type };
      expect((await send(demo.address, 'POST', '/bank/api/envelope', headers, '{}')).status, type).to.equal(403);
      // An older browser that sends neither Origin nor Sec-Fetch-Site: a simple body is still not JSON.
      const bare = await send(demo.address, 'POST', '/bank/api/envelope', { host, 'content-type': type }, '{}');
      expect([bare.status, JSON.parse(bare.body)], type).to.deep.equal([
        415,
        { error: 'unsupported_media_type', message: 'send the body as application/json' },
      ]);
    }
    const crossings: { [name: string]: string }[] = [
      { origin: 'http://evil.example' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const crossing of crossings) {
      const reply = await send(demo.address, 'POST', '/bank/api/envelope', { ...ownPage, ...crossing }, '{}');
      expect([reply.status, JSON.parse(reply.body)]).to.deep.equal([
        403,
        { error: 'forbidden', message: 'the demo bank takes requests from its own page only' },
      ]);
    }
    expect(await issued()).to.equal(false);
  });

  it('refuses a DNS name rebound to 127.0.0.1: every page and route, on both origins', async () => {
    const phoneHost = new URL(demo.phoneAddress).host;
    const rebound = `evil.example:${new URL(demo.address).port}`;
    const asRebound = { ...ownPage, host: rebound, origin: `http://${rebound}` };
    for (const [method, path] of [
      ['POST', '/bank/api/envelope'],
      ['GET', '/bank/api/status'],
      ['GET', '/'],
      ['GET', '/bank/'],
    ]) {
      const reply = await send(demo.address, method, path, asRebound, method === 'POST' ? '{}' : '');
      expect(reply.status, path).to.equal(403);
      expect(JSON.parse(reply.body).message).to.equal(
        `this demo server answers only to ${host} and localhost:${new URL(demo.address).port}`,
      );
    }
    const phone = await send(demo.phoneAddress, 'GET', '/app/index.html', {
      host: `evil.example:${phoneHost.split(':')[1]}`,
    });
    expect(phone.status).to.equal(403);
    expect(await issued()).to.equal(false);
  });

  it("takes its own page's JSON requests, by either local name; another site cannot unblock", async () => {
    const issue = await send(demo.address, 'POST', '/bank/api/envelope', ownPage, '{}');
    expect(issue.status).to.equal(200);
    expect(JSON.parse(issue.body).parts).to.have.length(4);
    await demo.bank.block(DEMO_CUSTOMER, TEST_ACTOR);
    const localhost = `localhost:${new URL(demo.address).port}`;
    const elsewhere = {
      host,
      origin: 'http://evil.example',
      'sec-fetch-site': 'cross-site',
      'content-type': 'text/plain',
    };
    expect((await send(demo.address, 'POST', '/bank/api/unblock', elsewhere, '{}')).status).to.equal(403);
    expect((await demo.bank.status(DEMO_CUSTOMER)).status).to.equal('blocked');
    const own = { ...ownPage, host: localhost, origin: `http://${localhost}` };
    expect((await send(demo.address, 'POST', '/bank/api/unblock', own, '{}')).status).to.equal(200);
    expect((await demo.bank.status(DEMO_CUSTOMER)).status).to.equal('active');
  });

  it("serves the phone on its own origin only, so the bank page's scripts cannot reach its storage", async () => {
    const phoneHost = new URL(demo.phoneAddress).host;
    for (const path of ['/app/index.html', '/emulator/']) {
      expect((await send(demo.address, 'GET', path, { host })).status, `bank origin ${path}`).to.equal(404);
      expect((await send(demo.phoneAddress, 'GET', path, { host: phoneHost })).status, `phone ${path}`).to.equal(200);
    }
    expect((await send(demo.phoneAddress, 'GET', '/bank/', { host: phoneHost })).status).to.equal(404);
    expect(new URL(demo.phoneAddress).origin).to.not.equal(new URL(demo.address).origin);
  });

  it('refuses a __proto__ or constructor key by name, not as "not valid JSON"', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const body = `{"documentId": "x", "${key}": {"prototype": {"polluted": true}}}`;
      const reply = await send(demo.address, 'POST', '/bank/api/payment', ownPage, body);
      expect([reply.status, JSON.parse(reply.body)]).to.deep.equal([
        400,
        { error: 'bad_input', message: `a body may not contain the key ${key}` },
      ]);
    }
    expect(({} as { polluted?: boolean }).polluted).to.equal(undefined);
  });
});
