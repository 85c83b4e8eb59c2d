/** 12345678 → "1234 5678", 123456 → "123 456": groups of 4, or of 3 when that divides evenly. */
export function groupDigits(value: string): string {
  const size = value.length % 4 && !(value.length % 3) ? 3 : 4;
  const groups: string[] = [];
  for (let i = 0; i < value.length; i += size) groups.push(value.slice(i, i + size));
  return groups.join(' ');
}
