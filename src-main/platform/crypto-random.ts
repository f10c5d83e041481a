import { randomBytes } from 'node:crypto';
import type { Random } from '../core/random';

/** The operating system's CSPRNG through node:crypto; the only source of secrets in production. */
export class NodeCryptoRandom implements Random {
  bytes(n: number): Uint8Array {
    return new Uint8Array(randomBytes(n));
  }
}

export const nodeCryptoRandom: Random = new NodeCryptoRandom();
