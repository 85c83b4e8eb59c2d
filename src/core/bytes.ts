/** Byte helpers shared by the core. Only ES5 APIs: this code runs on Gecko 48. */

/** Bytes of a string of code points 0..255 (the core only hashes ASCII: digits, suites, PINs). */
export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] + 256).toString(16).slice(1);
  return hex;
}

/** Parses an even-length hex string; returns undefined for anything else. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Overwrites secret material in place so it does not linger in memory. */
export function wipe(...buffers: (Uint8Array | Int32Array | undefined)[]): void {
  for (let i = 0; i < buffers.length; i++) {
    const buffer = buffers[i];
    if (buffer) buffer.fill(0);
  }
}
