import { BANK } from './bankSettings';
import { loadTexts, t } from './i18n';
import { loadKey } from './services/keyService';
import { listenForKeys } from './ui/keys';
import { showMessage } from './ui/message';
import { dispatch, mountShell } from './ui/shell';
import { exitApp, showMenu } from './views/menu';

/** Boot: texts and vault read in parallel, one key dispatcher, the menu. Leaving the screen wipes what is on it. */
const storedKey = loadKey().then(
  () => true,
  () => false,
);
loadTexts().then(() => {
  document.documentElement.lang = t.lang;
  mountShell(document.getElementById('app') as HTMLElement);
  listenForKeys((key) => {
    if (key === 'EndCall') exitApp();
    else dispatch(key);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) showMenu();
  });
  return storedKey.then((readable) => {
    showMenu();
    if (!readable) showMessage(BANK.appName, t.readFailed, exitApp);
  });
});
