import fc from 'fast-check';
import { isStrongroomError } from '../../../src-main/core/errors';
import { keePassFormatOf, readKdbxPublicHeader } from '../../../src-main/artefacts/kdbx-public-header';
import { kdfOutOfBounds } from '../../../src-main/artefacts/kdf-bounds';
import { buildVaultFile, openVaultFile } from '../../../src-main/artefacts/vault-file';
import { protect } from '../../../src-main/artefacts/strongroom-kdbx';
import { TEST_KDF } from '../../support/custody-fixture';
import { VARIANT, uint32, uint64, withKdfItem } from '../../support/kdbx-craft';
import { mutatedBytes } from '../arbitraries';
import { fuzzProperty, type FuzzProperty } from '../fuzz-kit';

const PASSPHRASE = 'fuzzing passphrase for the header';
const vault = await buildVaultFile([{ account: { accountId: '111122223333', name: 'prod', rootEmail: 'aws+prod@example.com' }, password: protect('Secret-root-pa55') }], {
  generation: 1,
  passphrase: protect(PASSPHRASE),
  kdf: TEST_KDF,
});
const SIGNATURE = vault.subarray(0, 12);

function headerIsSound(bytes: Uint8Array): boolean {
  const header = readKdbxPublicHeader(bytes);
  if (!header.kdbx) return keePassFormatOf(bytes) !== 'kdbx';
  kdfOutOfBounds(header.kdf);
  return (header.role === null || header.role === 'vault' || header.role === 'seed') && (header.generation === null || Number.isSafeInteger(header.generation));
}

/**
 * kdbxweb does not check the HMAC of the empty block that ends a KDBX4 file (32 bytes, no content under it), so a
 * change there alone still opens; the catalog's SHA-256 of every artefact, compared on verification and before
 * copying, is what notices it. Any other change is refused.
 */
const TERMINATOR_HMAC = { from: vault.length - 36, to: vault.length - 4 };
function differsOnlyInTerminatorHmac(bytes: Uint8Array): boolean {
  if (bytes.length !== vault.length) return false;
  return bytes.every((byte, i) => byte === vault[i] || (i >= TERMINATOR_HMAC.from && i < TERMINATOR_HMAC.to));
}

/** A file that is not the vault never opens, and fails with a KDBX code, at once. */
async function refusedClearly(bytes: Uint8Array): Promise<boolean> {
  try {
    await openVaultFile(bytes, protect(PASSPHRASE));
    return differsOnlyInTerminatorHmac(bytes);
  } catch (error) {
    if (isStrongroomError(error) && /^KDBX_/.test(error.code)) return true;
    throw error;
  }
}

const absurdKdf = fc.oneof(
  fc.bigInt({ min: 101n, max: 2n ** 64n - 1n }).map((n) => ['I', VARIANT.uint64, uint64(n)] as const),
  fc.bigInt({ min: 4097n * 1024n * 1024n, max: 2n ** 64n - 1n }).map((n) => ['M', VARIANT.uint64, uint64(n)] as const),
  fc.integer({ min: 17, max: 2 ** 32 - 1 }).map((n) => ['P', VARIANT.uint32, uint32(n)] as const),
);

export const kdbxHeaderProperties: readonly FuzzProperty[] = [
  fuzzProperty('KDBX public headers', 'any bytes after the signature are read without a crash', fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => headerIsSound(new Uint8Array([...SIGNATURE, ...tail])))),
  fuzzProperty('KDBX public headers', 'any bytes at all are read without a crash', fc.property(fc.uint8Array({ maxLength: 64 }), headerIsSound)),
  fuzzProperty('KDBX public headers', 'a damaged vault header is read without a crash', fc.property(mutatedBytes(vault.subarray(0, 400)), headerIsSound)),
  fuzzProperty('KDBX public headers', 'a damaged vault never opens, and says so with a KDBX code', fc.asyncProperty(mutatedBytes(vault), refusedClearly)),
  fuzzProperty(
    'KDBX public headers',
    'a header asking for absurd key derivation is refused before any work',
    fc.asyncProperty(absurdKdf, async ([name, type, value]) => {
      try {
        await openVaultFile(withKdfItem(vault, name, type, value), protect(PASSPHRASE));
        return false;
      } catch (error) {
        return isStrongroomError(error) && error.code === 'KDBX_KDF_OUT_OF_BOUNDS';
      }
    }),
  ),
];
