import { createHash } from 'node:crypto';

/** The SHA-256 of some bytes (or of a text as UTF-8), as lower-case hex: how medium.json and the catalog record a file. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
