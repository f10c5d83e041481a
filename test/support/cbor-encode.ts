/**
 * A small CBOR encoder for test devices: what a FIDO key would send (CTAP2 canonical: shortest heads, definite
 * lengths). Written separately from the product's decoder so a test compares two independent readings.
 */
export type CborInput = number | bigint | string | Uint8Array | boolean | null | undefined | CborInput[] | Map<number | string, CborInput>;

function head(major: number, value: number | bigint): number[] {
  const n = BigInt(value);
  const m = major << 5;
  if (n < 24n) return [m | Number(n)];
  if (n < 0x100n) return [m | 24, Number(n)];
  if (n < 0x10000n) return [m | 25, Number(n >> 8n), Number(n & 0xffn)];
  if (n < 0x100000000n) return [m | 26, ...[24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn))];
  return [m | 27, ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn))];
}

export function encodeCbor(value: CborInput): Uint8Array {
  const out: number[] = [];
  const walk = (v: CborInput): void => {
    if (v === false) out.push(0xf4);
    else if (v === true) out.push(0xf5);
    else if (v === null) out.push(0xf6);
    else if (v === undefined) out.push(0xf7);
    else if (typeof v === 'number' || typeof v === 'bigint') {
      const n = BigInt(v);
      out.push(...(n >= 0n ? head(0, n) : head(1, -1n - n)));
    } else if (typeof v === 'string') {
      const bytes = new TextEncoder().encode(v);
      out.push(...head(3, bytes.length), ...bytes);
    } else if (v instanceof Uint8Array) out.push(...head(2, v.length), ...v);
    else if (Array.isArray(v)) {
      out.push(...head(4, v.length));
      v.forEach(walk);
    } else {
      out.push(...head(5, v.size));
      for (const [key, item] of v) {
        walk(key);
        walk(item);
      }
    }
  };
  walk(value);
  return Uint8Array.from(out);
}
