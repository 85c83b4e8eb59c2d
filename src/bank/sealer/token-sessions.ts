import type { PKCS11 } from 'pkcs11js';
import { BankError } from '../errors';
import { returnValue } from './pkcs11-module';
import { closeQuietly, masterKeyHandle, userSession, type TokenSession } from './pkcs11-token';
import type { Pkcs11Settings } from './sealer-settings';

/**
 * What a token answers when it no longer knows a session (the HSM restarted, a network HSM failed over,
 * someone closed it), or the session lost its login or the key handle seen from it: a new session heals
 * either. A session that is gone is not closed again: its handle may already name another session.
 */
const SESSION_GONE = new Set(['CKR_SESSION_HANDLE_INVALID', 'CKR_SESSION_CLOSED']);
const SESSION_STALE = new Set(['CKR_USER_NOT_LOGGED_IN', 'CKR_KEY_HANDLE_INVALID', 'CKR_OBJECT_HANDLE_INVALID']);

interface Place {
  session?: TokenSession;
}

/**
 * A fixed number of places for sessions with the token. A session runs one operation at a time, so
 * each operation holds a place for its duration; sessions are opened when first needed (the first one
 * at once, so a wrong PIN or a missing key stops the server at start). An operation whose session was
 * lost gets a new session and is retried once; a session in which an operation failed is not used again.
 */
export class TokenSessions {
  private readonly free: Place[];
  private readonly waiting: ((place: Place) => void)[] = [];
  private closing = false;

  constructor(
    private readonly pkcs11: PKCS11,
    private readonly slot: Buffer,
    private readonly settings: Pkcs11Settings,
  ) {
    this.free = Array.from({ length: settings.sessions }, () => ({}));
    this.free[0].session = this.open();
  }

  async use<T>(operation: (session: TokenSession) => Promise<T>): Promise<T> {
    if (this.closing) throw new BankError('config', 'the HSM sessions are closed');
    const place = await this.acquire();
    try {
      try {
        return await this.attempt(place, operation);
      } catch (error) {
        const answer = returnValue(error) ?? '';
        if (!SESSION_GONE.has(answer) && !SESSION_STALE.has(answer)) throw error;
        return await this.attempt(place, operation); // once: a session lost again is an error
      }
    } finally {
      this.release(place);
    }
  }

  /** One try in the place's session, opened if it has none; a session in which the try failed is let go. */
  private async attempt<T>(place: Place, operation: (session: TokenSession) => Promise<T>): Promise<T> {
    place.session ??= this.open();
    try {
      return await operation(place.session);
    } catch (error) {
      if (SESSION_GONE.has(returnValue(error) ?? '')) place.session = undefined;
      else this.drop(place); // no half-done operation may stay in a session that is used again
      throw error;
    }
  }

  /** Waits for the operations under way, then ends every session. */
  async close(): Promise<void> {
    this.closing = true;
    const places = await Promise.all(Array.from({ length: this.settings.sessions }, () => this.acquire()));
    for (const place of places) this.drop(place);
  }

  private open(): TokenSession {
    const handle = userSession(this.pkcs11, this.slot, this.settings);
    try {
      return { handle, key: masterKeyHandle(this.pkcs11, handle, this.settings) };
    } catch (error) {
      closeQuietly(this.pkcs11, handle);
      throw error;
    }
  }

  private drop(place: Place): void {
    if (place.session) closeQuietly(this.pkcs11, place.session.handle);
    place.session = undefined;
  }

  private acquire(): Promise<Place> {
    const place = this.free.pop();
    return place ? Promise.resolve(place) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(place: Place): void {
    const next = this.waiting.shift();
    if (next) next(place);
    else this.free.push(place);
  }
}
