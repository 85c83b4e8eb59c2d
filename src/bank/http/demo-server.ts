import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Type } from 'typebox';
import type { PaymentSetting } from '../../app/bankSettings';
import { LANGUAGES, pickLanguage, type Language } from '../../app/i18n/languages';
import { ownHostOnly } from './demo-guard';
import { DemoPages } from './demo-pages';
import { demoRoutes } from './demo-routes';
import { listenClearly } from './listen';
import { createBankServer, type ServerOptions } from './server';

const DEMO_ASSETS = join(__dirname, '..', 'demo');
const LanguageQuery = Type.Object({ lang: Type.Optional(Type.String()) });

export interface DemoServerOptions extends ServerOptions {
  /** The build output: dist/app (the phone app) and dist/emulator (the phone-sized page framing it). */
  distDir: string;
  /** The pages' language when the address names none (the app's default language). */
  defaultLanguage?: Language;
  /** The bank config's payment setting: the bank page labels the payee digits as the phone does. */
  payment?: PaymentSetting;
}

/**
 * What `npm start` serves, on two origins. The bank's: the landing page (/) with phone and bank side
 * by side, the demo bank page (/bank/) and its routes, and the bank API (/api, with its token). The
 * phone's own (another port): the emulator and the app, so the bank page's scripts cannot read the
 * phone's storage. Both answer only to their own host name.
 */
export class DemoServer {
  private constructor(
    readonly bankSite: FastifyInstance,
    readonly phoneSite: FastifyInstance,
  ) {}

  static async create(options: DemoServerOptions): Promise<DemoServer> {
    const phoneSite = Fastify();
    ownHostOnly(phoneSite);
    if (existsSync(options.distDir)) {
      await phoneSite.register(fastifyStatic, { root: options.distDir, index: 'index.html', redirect: true });
    }

    const bankSite = (await createBankServer(options)).withTypeProvider<TypeBoxTypeProvider>();
    ownHostOnly(bankSite);
    await bankSite.register(demoRoutes(options.bank), { prefix: '/bank/api' });
    const assets = ['/bank.css', '/bank.js'];
    await bankSite.register(fastifyStatic, {
      root: DEMO_ASSETS,
      prefix: '/bank/',
      index: false,
      allowedPath: (path) => assets.includes(path),
    });
    const pages = new DemoPages(options.payment);
    const language = (lang: string | undefined) => pickLanguage(lang, options.defaultLanguage ?? LANGUAGES[0]);
    const html = 'text/html; charset=utf-8';
    const page = { schema: { hide: true, querystring: LanguageQuery } };
    bankSite.get('/', page, async (request, reply) => {
      const phonePort = (phoneSite.server.address() as AddressInfo).port;
      const phoneOrigin = `${request.protocol}://${request.hostname}:${phonePort}`;
      return reply.type(html).send(pages.landing(language(request.query.lang), phoneOrigin));
    });
    bankSite.get('/bank/', page, async (request, reply) =>
      reply.type(html).send(pages.bank(language(request.query.lang))),
    );
    return new DemoServer(bankSite, phoneSite);
  }

  /** Listens on both ports (0: any free one); returns both addresses. */
  async listen(host: string, bankPort: number, phonePort: number): Promise<{ bank: string; phone: string }> {
    const bank = await listenClearly(this.bankSite, host, bankPort);
    try {
      const phone = await listenClearly(this.phoneSite, host, phonePort, 'PHONE_PORT=…');
      return { bank, phone };
    } catch (error) {
      await this.bankSite.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.bankSite.close(), this.phoneSite.close()]);
  }
}
