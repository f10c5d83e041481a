import { ErrorCode, StrongroomError } from './errors';

/**
 * A small, strict CBOR (RFC 8949) decoder for what FIDO authenticators send: authenticatorGetInfo answers in
 * CTAP2 canonical CBOR. The bytes come from a USB device that may be hostile (anything can claim the FIDO usage
 * page), so every length is checked against the bytes actually present before anything is allocated, nesting
 * and item counts are capped, and anything CTAP2 never sends (indefinite lengths, tags, reserved encodings,
 * duplicate map keys, trailing bytes) is refused rather than guessed at.
 */
export type CborValue = number | bigint | string | Uint8Array | boolean | null | undefined | readonly CborValue[] | CborMap;
export type CborMap = ReadonlyMap<number | string, CborValue>;

export interface CborLimits {
  /** Arrays and maps inside one another. */
  readonly maxDepth: number;
  /** Data items in the whole message, counted as they are read. */
  readonly maxItems: number;
}

/** CTAP2 messages fit one CTAPHID message (7609 bytes); these limits sit well above any real GetInfo answer. */
export const CTAP_CBOR_LIMITS: CborLimits = { maxDepth: 8, maxItems: 2048 };

function malformed(why: string): StrongroomError {
  return new StrongroomError(ErrorCode.HidDeviceUnreadable, `The token sent a malformed CBOR answer (${why}). Unplug it and plug it in again; if it repeats, the token is not one Strongroom can read.`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes exactly one CBOR data item filling all of `bytes`. */
export function decodeCbor(bytes: Uint8Array, limits: CborLimits = CTAP_CBOR_LIMITS): CborValue {
  const reader = new CborReader(bytes, limits);
  const value = reader.item(0);
  if (reader.offset !== bytes.length) throw malformed(`${bytes.length - reader.offset} byte(s) after the answer`);
  return value;
}

class CborReader {
  offset = 0;
  private items = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: CborLimits,
  ) {}

  item(depth: number): CborValue {
    if (depth > this.limits.maxDepth) throw malformed('nested too deeply');
    this.items += 1;
    if (this.items > this.limits.maxItems) throw malformed('too many items');
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) return this.simpleOrFloat(info);
    if (info === 31) throw malformed('indefinite length');
    const argument = this.argument(info);
    switch (major) {
      case 0:
        return argument;
      case 1:
        return typeof argument === 'bigint' ? -1n - argument : -1 - argument;
      case 2:
        return this.take(this.length(argument)).slice();
      case 3:
        try {
          return utf8.decode(this.take(this.length(argument)));
        } catch {
          throw malformed('text that is not UTF-8');
        }
      case 4:
        return this.array(this.length(argument), depth);
      case 5:
        return this.map(this.length(argument), depth);
      default:
        throw malformed('a tag');
    }
  }

  private array(count: number, depth: number): CborValue[] {
    // Each element takes at least one byte: a count beyond the bytes left is a lie, refused before any loop.
    if (count > this.remaining()) throw malformed('an array longer than the answer');
    const out: CborValue[] = [];
    for (let i = 0; i < count; i += 1) out.push(this.item(depth + 1));
    return out;
  }

  private map(count: number, depth: number): CborMap {
    if (count * 2 > this.remaining()) throw malformed('a map longer than the answer');
    const out = new Map<number | string, CborValue>();
    for (let i = 0; i < count; i += 1) {
      const key = this.item(depth + 1);
      if (typeof key !== 'number' && typeof key !== 'string') throw malformed('a map key that is neither a number nor text');
      if (out.has(key)) throw malformed('a map key given twice');
      out.set(key, this.item(depth + 1));
    }
    return out;
  }

  private simpleOrFloat(info: number): CborValue {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 25:
        return halfToNumber((this.byte() << 8) | this.byte());
      case 26:
        return new DataView(this.take(4).slice().buffer).getFloat32(0);
      case 27:
        return new DataView(this.take(8).slice().buffer).getFloat64(0);
      default:
        throw malformed(info === 31 ? 'a stray break' : 'an unknown simple value');
    }
  }

  /** The head's argument: small values inline, else 1, 2, 4 or 8 big-endian bytes. */
  private argument(info: number): number | bigint {
    if (info < 24) return info;
    if (info === 24) return this.byte();
    if (info === 25) return (this.byte() << 8) | this.byte();
    if (info === 26) return new DataView(this.take(4).slice().buffer).getUint32(0);
    if (info === 27) {
      const value = new DataView(this.take(8).slice().buffer).getBigUint64(0);
      return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
    }
    throw malformed('a reserved length encoding');
  }

  private length(argument: number | bigint): number {
    if (typeof argument === 'bigint' || argument > this.remaining()) throw malformed('a length beyond the end of the answer');
    return argument;
  }

  private remaining(): number {
    return this.bytes.length - this.offset;
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) throw malformed('cut short');
    const value = this.bytes[this.offset] as number;
    this.offset += 1;
    return value;
  }

  private take(n: number): Uint8Array {
    if (n > this.remaining()) throw malformed('cut short');
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
}

function halfToNumber(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
