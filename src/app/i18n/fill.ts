/** Puts values into a text's {name} marks. */
export function fill(text: string, values: { [name: string]: string | number }): string {
  return text.replace(/\{(\w+)\}/g, (mark, name: string) => (name in values ? String(values[name]) : mark));
}
