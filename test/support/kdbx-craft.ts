import { createHash } from 'node:crypto';

/**
 * Builds the KeePass files an attacker would leave on a stick: a real file with its clear header rewritten. For
 * KDBX4 the header's SHA-256 (unkeyed, so anyone can recompute it) is fixed up, so the file gets past every check
 * a reader makes before deriving the key; only the HMAC, which needs the key, is left stale.
 */

export const VARIANT = { uint32: 0x04, uint64: 0x05, bool: 0x08, string: 0x18, bytes: 0x42 } as const;

interface HeaderField {
  readonly id: number;
  readonly data: Uint8Array;
}

function readFields(bytes: Uint8Array): { fields: HeaderField[]; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: HeaderField[] = [];
  let offset = 12;
  for (;;) {
    const id = view.getUint8(offset);
    const size = view.getUint32(offset + 1, true);
    const data = bytes.subarray(offset + 5, offset + 5 + size);
    offset += 5 + size;
    fields.push({ id, data });
    if (id === 0) return { fields, end: offset };
  }
}

function writeFields(prefix: Uint8Array, fields: readonly HeaderField[]): Buffer {
  const parts: Buffer[] = [Buffer.from(prefix)];
  for (const field of fields) {
    const head = Buffer.alloc(5);
    head.writeUInt8(field.id, 0);
    head.writeUInt32LE(field.data.length, 1);
    parts.push(head, Buffer.from(field.data));
  }
  return Buffer.concat(parts);
}

/** Parses a VariantDictionary into ordered (type, name, value) items. */
export function readVariantItems(data: Uint8Array): { type: number; name: string; value: Buffer }[] {
  const buffer = Buffer.from(data);
  const items: { type: number; name: string; value: Buffer }[] = [];
  let offset = 2;
  for (;;) {
    const type = buffer.readUInt8(offset);
    offset += 1;
    if (type === 0) return items;
    const nameLength = buffer.readInt32LE(offset);
    const name = buffer.subarray(offset + 4, offset + 4 + nameLength).toString('utf8');
    offset += 4 + nameLength;
    const valueLength = buffer.readInt32LE(offset);
    const value = buffer.subarray(offset + 4, offset + 4 + valueLength);
    offset += 4 + valueLength;
    items.push({ type, name, value });
  }
}

export function writeVariantItems(items: readonly { type: number; name: string; value: Uint8Array }[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x00, 0x01])];
  for (const item of items) {
    const name = Buffer.from(item.name, 'utf8');
    const head = Buffer.alloc(5);
    head.writeUInt8(item.type, 0);
    head.writeInt32LE(name.length, 1);
    const length = Buffer.alloc(4);
    length.writeInt32LE(item.value.length, 0);
    parts.push(head, name, length, Buffer.from(item.value));
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

export function uint64(value: bigint | number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(value), 0);
  return out;
}

export function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value, 0);
  return out;
}

/** A KDBX4 file with one header field replaced (or removed, with data null), its header SHA-256 recomputed. */
export function withKdbx4HeaderField(bytes: Uint8Array, id: number, data: Uint8Array | null): Uint8Array {
  const { fields, end } = readFields(bytes);
  const replaced = fields.filter((f) => f.id !== id || data !== null).map((f) => (f.id === id && data !== null ? { id, data } : f));
  if (data !== null && !fields.some((f) => f.id === id)) replaced.splice(replaced.length - 1, 0, { id, data });
  const header = writeFields(bytes.subarray(0, 12), replaced);
  const sha = createHash('sha256').update(header).digest();
  const hmac = bytes.subarray(end + 32, end + 64);
  return new Uint8Array(Buffer.concat([header, sha, hmac, Buffer.from(bytes.subarray(end + 64))]));
}

/** A KDBX4 file whose key-derivation item `name` is set to `value` (added if absent). */
export function withKdfItem(bytes: Uint8Array, name: string, type: number, value: Uint8Array): Uint8Array {
  const field = readFields(bytes).fields.find((f) => f.id === 11);
  if (!field) throw new Error('no KDF parameters in this header');
  const items = readVariantItems(field.data);
  const at = items.findIndex((item) => item.name === name);
  const item = { type, name, value: Buffer.from(value) };
  if (at >= 0) items[at] = item;
  else items.push(item);
  return withKdbx4HeaderField(bytes, 11, writeVariantItems(items));
}

/** A KDBX3 file with its AES-KDF rounds (header field 6) set in place. */
export function withKdbx3TransformRounds(bytes: Uint8Array, rounds: bigint | number): Uint8Array {
  const out = Buffer.from(bytes);
  let offset = 12;
  for (;;) {
    const id = out.readUInt8(offset);
    const size = out.readUInt16LE(offset + 1);
    if (id === 6) {
      uint64(rounds).copy(out, offset + 3);
      return new Uint8Array(out);
    }
    if (id === 0) throw new Error('no transform rounds in this header');
    offset += 3 + size;
  }
}

/** The KDF salt ("S") a KDBX4 file's key is derived with, in hex: it names the file to a key-derivation port. */
export function kdfSaltOf(bytes: Uint8Array): string {
  const field = readFields(bytes).fields.find((f) => f.id === 11);
  if (!field) throw new Error('no KDF parameters in this header');
  const salt = readVariantItems(field.data).find((item) => item.name === 'S');
  if (!salt) throw new Error('no KDF salt in this header');
  return salt.value.toString('hex');
}

/** One outer-header field of a KDBX4 file in hex (4: master seed, 7: encryption IV), to compare generations. */
export function kdbx4HeaderFieldOf(bytes: Uint8Array, id: number): string {
  const field = readFields(bytes).fields.find((f) => f.id === id);
  if (!field) throw new Error(`no header field ${id} in this file`);
  return Buffer.from(field.data).toString('hex');
}
