import { Activity } from 'kaios-lib/lib/modules/activity';
import { BANK } from '../bankSettings';

/** KaiOS 3.x's Web Activity: the same activity as 2.5's MozActivity, started with a promise. */
interface WebActivityConstructor {
  new (name: string, data: object): { start(): Promise<unknown> };
}

const platform = window as unknown as { MozActivity?: unknown; WebActivity?: WebActivityConstructor };

/** What the dialer gets: the support line's digits and its leading +. */
const DIAL = { type: 'webtelephony/number', number: BANK.supportPhone.replace(/[^\d+]/g, '') };

/** Whether the phone can open its dialer for the app: KaiOS 2.5 (MozActivity) or 3.x (WebActivity). */
export function canCallSupport(): boolean {
  return typeof platform.MozActivity === 'function' || typeof platform.WebActivity === 'function';
}

/**
 * Opens the phone's dialer with the 24-hour support line's number; the customer presses Call there.
 * If the dialer does not come up, the number is still on the screen to dial by hand.
 */
export function callSupport(): void {
  const started =
    typeof platform.MozActivity === 'function'
      ? new Activity({ name: 'dial', data: DIAL }).start()
      : new (platform.WebActivity as WebActivityConstructor)('dial', DIAL).start();
  started.then(undefined, () => undefined);
}
