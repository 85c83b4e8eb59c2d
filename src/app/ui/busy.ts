import { t } from '../i18n';
import { setBusy } from './shell';

/**
 * Runs slow work (PBKDF2, storage) after the «Подождите…» label has been painted, with keys
 * blocked until it settles.
 */
export function whileBusy<T>(work: () => T | Promise<T>): Promise<T> {
  setBusy(true, t.wait);
  return new Promise<T>((resolve, reject) => {
    requestAnimationFrame(() => {
      setTimeout(() => {
        Promise.resolve()
          .then(work)
          .then(
            (result) => {
              setBusy(false, t.wait);
              resolve(result);
            },
            (error: unknown) => {
              setBusy(false, t.wait);
              reject(error);
            },
          );
      }, 0);
    });
  });
}
