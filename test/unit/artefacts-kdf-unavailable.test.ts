import kdbxweb from 'kdbxweb';
import { describe, expect, it, vi } from 'vitest';
import { installArgon2 } from '../../src-main/artefacts/kdbx-crypto';
import { ErrorCode } from '../../src-main/core/errors';

// An installer built for another operating system carries another platform's Argon2 binary: the binding then fails
// to load, as this factory does.
vi.mock('@node-rs/argon2', () => {
  throw new Error('Cannot find native binding.');
});

describe('an installation whose Argon2 binary does not load', () => {
  it('refuses to derive a key with a sentence that says to reinstall and that KeePassXC still opens the files', async () => {
    installArgon2();
    const derivation = kdbxweb.CryptoEngine.argon2(new ArrayBuffer(32), new ArrayBuffer(32), 1024, 1, 32, 1, 2, 0x13);
    await expect(derivation).rejects.toMatchObject({ code: ErrorCode.KdfUnavailable });
    await expect(derivation).rejects.toThrow(/Reinstall Strongroom.*KeePassXC opens the vault/);
  });
});
