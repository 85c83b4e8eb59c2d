import { App } from 'kaios-lib/lib/modules/app';
import { readPackageJson } from './packageFile';

interface Manifest {
  version: string;
}

/**
 * The app version from its manifest: through the KaiOS app API (kaios-lib's App module) on
 * KaiOS 2.5, else from the manifest.webapp shipped next to index.html (KaiOS 3, the emulator).
 */
export function readVersion(): Promise<string> {
  return new Promise<Manifest>((resolve, reject) => {
    new App().getManifest().then(resolve, reject);
  })
    .catch(() => readPackageJson<Manifest>('manifest.webapp'))
    .then((manifest) => manifest.version);
}
