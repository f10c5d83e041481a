/** A table lookup that cannot reach Object.prototype: an action recorded as "__proto__" is only text. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
