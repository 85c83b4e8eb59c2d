/**
 * Which 4-digit PINs the app refuses. Besides repeated digits and straight runs, the list holds the
 * most common 4-digit PINs in published analyses of leaked PIN sets (DataGenetics, 2012; Bonneau et
 * al., "A birthday present every eleven wallets?", 2012) that the two rules do not already catch:
 * pairs (1212, 6969), keypad patterns (2580, the middle column), years (2000, 1984), and 1004 ("ten-o-four"), 5683 ("LOVE").
 */
export const COMMON_PINS = [
  '1212',
  '1004',
  '2000',
  '6969',
  '1122',
  '1313',
  '2580',
  '0852',
  '1010',
  '2001',
  '1230',
  '0007',
  '1984',
  '1986',
  '2525',
  '5683',
  '7410',
  '0147',
  '1123',
  '1221',
];

export type WeakPinReason = 'same' | 'run' | 'common';

function isStraightRun(pin: string, step: number): boolean {
  for (let i = 1; i < pin.length; i++) {
    if (+pin.charAt(i) - +pin.charAt(i - 1) !== step) return false;
  }
  return true;
}

/** Why a PIN is too easy to guess, or null when it is acceptable. */
export function weakPinReason(pin: string): WeakPinReason | null {
  if (/^(\d)\1*$/.test(pin)) return 'same';
  if (isStraightRun(pin, 1) || isStraightRun(pin, -1)) return 'run';
  return COMMON_PINS.indexOf(pin) >= 0 ? 'common' : null;
}
