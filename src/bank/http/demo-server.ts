import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoRoutes } from './demo-routes';
import { createBankServer, type ServerOptions } from './server';

const DEMO_PAGES = join(__dirname, '..', 'demo');

export interface DemoServerOptions extends ServerOptions {
  /** The build output: dist/app (the phone app) and dist/emulator (the phone-sized page framing it). */
  distDir: string;
}

/**
 * Everything `npm start` serves from one address: the bank API (/api, with its token), the demo
 * bank page (/bank/), the built app and emulator, and a landing page (/) showing phone and bank side by side.
 */
export async function createDemoServer(options: DemoServerOptions): Promise<FastifyInstance> {
  const app = await createBankServer(options);
  await app.register(demoRoutes(options.bank), { prefix: '/bank/api' });
  await app.register(fastifyStatic, { root: DEMO_PAGES, prefix: '/bank/', index: 'bank.html' });
  if (existsSync(options.distDir)) {
    await app.register(fastifyStatic, {
      root: options.distDir,
      prefix: '/',
      index: 'index.html',
      redirect: true,
      decorateReply: false,
    });
  }
  const landing = readFileSync(join(DEMO_PAGES, 'landing.html'), 'utf8');
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(landing));
  return app;
}
