import type { FastifyInstance } from 'fastify';
import { BankError } from '../errors';

/** Listens, turning a busy or forbidden port into a one-line message naming `setting`. Returns the address. */
export async function listenClearly(
  app: FastifyInstance,
  host: string,
  port: number,
  setting = 'PORT=… or --port',
): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new BankError(
        'config',
        `port ${port} on ${host} is already in use: stop the other server or choose another port (${setting})`,
      );
    if (code === 'EACCES')
      throw new BankError('config', `not allowed to listen on port ${port}: choose a port above 1023`);
    if (code === 'EADDRNOTAVAIL') throw new BankError('config', `${host} is not an address of this machine`);
    throw error;
  }
}
