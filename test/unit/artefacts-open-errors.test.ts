import fc from 'fast-check';
import kdbxweb from 'kdbxweb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KdfParameters } from '../../src-main/artefacts/kdbx-crypto';
import { buildSeedFile, openSeedFile } from '../../src-main/artefacts/seed-file';
import { openKdbxRaw, protect, saveKdbx } from '../../src-main/artefacts/strongroom-kdbx';
import { buildVaultFile, openVaultFile } from '../../src-main/artefacts/vault-file';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import { parseSeed } from '../../src-main/core/seed';

const CHEAP_KDF: KdfParameters = { algorithm: 'argon2id', memoryMiB: 1, iterations: 1, parallelism: 1 };
const VAULT_PASSPHRASE = 'orbit-velvet-canyon-sprout-lantern';
const SEED_PASSPHRASE = 'quiver-mosaic-thimble-parsnip-gazebo';
const ACCOUNT = { accountId: '012345678901', name: 'Payments prod', rootEmail: 'aws+pay@example.com' };

let vault: Uint8Array;
let seeds: Uint8Array;

beforeAll(async () => {
  vault = await buildVaultFile([{ account: ACCOUNT, password: protect('r8#Kq!vT2(mZp_9') }], { generation: 3, passphrase: protect(VAULT_PASSPHRASE), kdf: CHEAP_KDF });
  seeds = await buildSeedFile([{ account: ACCOUNT, seed: parseSeed('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') }], { generation: 3, passphrase: protect(SEED_PASSPHRASE), kdf: CHEAP_KDF });
});

async function openError(open: Promise<unknown>): Promise<StrongroomError> {
  try {
    await open;
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected the file not to open');
}

/** Length of a KDBX4 outer header, to aim damage at its parts. */
function outerHeaderLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  for (;;) {
    const id = view.getUint8(offset);
    offset += 5 + view.getUint32(offset + 1, true);
    if (id === 0) return offset;
  }
}

/** A KeePass file made without Strongroom's marking. */
async function plainKdbx(version: 3 | 4): Promise<Uint8Array> {
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(protect(VAULT_PASSPHRASE)), 'Somebody else');
  if (version === 3) db.setVersion(3);
  else db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
  if (version === 4) {
    db.header.kdfParameters?.set('M', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(1024 * 1024));
    db.header.kdfParameters?.set('I', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(1));
  }
  const entry = db.createEntry(db.getDefaultGroup());
  entry.fields.set('Title', 'Old root login');
  entry.fields.set('Password', protect('hunter2-but-longer'));
  entry.fields.set('otp', protect('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'));
  entry.fields.set('Department', 'Finance');
  return saveKdbx(db);
}

describe('opening with the wrong passphrase', () => {
  it('says the passphrase is wrong and which one to use, without repeating it', async () => {
    const error = await openError(openVaultFile(vault, protect(SEED_PASSPHRASE)));
    expect(error.code).toBe(ErrorCode.KdbxWrongPassphrase);
    expect(error.message).toMatch(/does not open this vault.*the vault passphrase, not the seed passphrase/);
    expect(error.message).not.toContain(SEED_PASSPHRASE);
    const seedError = await openError(openSeedFile(seeds, protect('Orbit-velvet-canyon-sprout-lantern')));
    expect(seedError.message).toMatch(/does not open this seed store.*the seed passphrase, not the vault passphrase/);
  });
});

describe('opening the other half of the custody pair', () => {
  it('recognises a seed store opened as a vault before trying any passphrase', async () => {
    const error = await openError(openVaultFile(seeds, protect(VAULT_PASSPHRASE)));
    expect(error.code).toBe(ErrorCode.KdbxWrongRole);
    expect(error.message).toBe('This is a seed store, not a vault. Insert a vault medium, or open this file as a seed store.');
    expect(error.details).toEqual({ expected: 'vault', found: 'seed' });
  });

  it('recognises a vault opened as a seed store, even with the right passphrase for it', async () => {
    const error = await openError(openSeedFile(vault, protect(VAULT_PASSPHRASE)));
    expect(error.code).toBe(ErrorCode.KdbxWrongRole);
    expect(error.details).toEqual({ expected: 'seed', found: 'vault' });
  });
});

describe('opening a KeePass file Strongroom did not write', () => {
  it('reports a KDBX4 or KDBX3 file without the Strongroom marking as unknown, for either role', async () => {
    for (const version of [4, 3] as const) {
      const bytes = await plainKdbx(version);
      const asVault = await openError(openVaultFile(bytes, protect(VAULT_PASSPHRASE)));
      expect(asVault.code).toBe(ErrorCode.KdbxUnknown);
      expect(asVault.message).toMatch(/was not written by Strongroom.*not opened as a vault/);
      expect((await openError(openSeedFile(bytes, protect(VAULT_PASSPHRASE)))).code).toBe(ErrorCode.KdbxUnknown);
    }
  });

  it('reads such a file only when asked for a raw read', async () => {
    const raw = await openKdbxRaw(await plainKdbx(4), protect(VAULT_PASSPHRASE));
    expect(raw.role).toBeNull();
    expect(raw.entries).toHaveLength(1);
    const entry = raw.entries[0];
    expect([entry?.title, entry?.password.getText(), entry?.otp?.getText(), entry?.groupPath]).toEqual([
      'Old root login',
      'hunter2-but-longer',
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
      ['Somebody else'],
    ]);
    expect(entry?.customFields.get('Department')).toBe('Finance');
  });

  it('reports the role of a Strongroom file read raw', async () => {
    const raw = await openKdbxRaw(vault, protect(VAULT_PASSPHRASE));
    expect(raw.role).toBe('vault');
    expect(raw.entries.map((entry) => [entry.groupPath.at(-1), entry.title, entry.userName])).toEqual([['AWS root accounts', 'Payments prod (012345678901)', 'root']]);
    expect((await openError(openKdbxRaw(vault, protect('wrong')))).code).toBe(ErrorCode.KdbxWrongPassphrase);
  });

  it('refuses a Strongroom file from a newer format rather than guessing', async () => {
    const db = await kdbxweb.Kdbx.load(vault.slice().buffer, new kdbxweb.Credentials(protect(VAULT_PASSPHRASE)));
    db.header.publicCustomData?.set('strongroom.format', kdbxweb.VarDictionary.ValueType.String, '2');
    const error = await openError(openVaultFile(await saveKdbx(db), protect(VAULT_PASSPHRASE)));
    expect(error.code).toBe(ErrorCode.KdbxFormatUnsupported);
    expect(error.message).toMatch(/newer version of Strongroom \(file format 2\)/);
  });
});

describe('opening a damaged file', () => {
  it('says a file that is not KeePass at all is not a KeePass database', async () => {
    const error = await openError(openVaultFile(new TextEncoder().encode('Account #,Account Name\r\n'), protect(VAULT_PASSPHRASE)));
    expect(error.code).toBe(ErrorCode.KdbxCorrupt);
    expect(error.details).toEqual({ reason: 'not-kdbx' });
  });

  it('reports a file cut short at any point as damaged, never as a wrong passphrase', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8, max: vault.length - 1 }), async (cut) => {
        const error = await openError(openVaultFile(vault.slice(0, cut), protect(VAULT_PASSPHRASE)));
        expect(error.code).toBe(ErrorCode.KdbxCorrupt);
        expect(error.message).toMatch(/damaged or incomplete/);
      }),
      { numRuns: 60 },
    );
  });

  it('reports a damaged byte in the encrypted body or the header hash as damaged', async () => {
    const headerLength = outerHeaderLength(vault);
    const positions = fc.oneof(
      fc.integer({ min: headerLength, max: headerLength + 31 }),
      fc.integer({ min: headerLength + 64, max: vault.length - 37 }),
    );
    await fc.assert(
      fc.asyncProperty(positions, fc.integer({ min: 1, max: 255 }), async (position, mask) => {
        const damaged = vault.slice();
        damaged[position] = (damaged[position] as number) ^ mask;
        expect((await openError(openVaultFile(damaged, protect(VAULT_PASSPHRASE)))).code).toBe(ErrorCode.KdbxCorrupt);
      }),
      { numRuns: 60 },
    );
  });

  it('never opens a file whose header fields were altered', async () => {
    const headerLength = outerHeaderLength(vault);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: headerLength - 1 }), fc.integer({ min: 1, max: 255 }), async (position, mask) => {
        const damaged = vault.slice();
        damaged[position] = (damaged[position] as number) ^ mask;
        const error = await openError(openVaultFile(damaged, protect(VAULT_PASSPHRASE)));
        expect([ErrorCode.KdbxCorrupt, ErrorCode.KdbxUnknown, ErrorCode.KdbxFormatUnsupported]).toContain(error.code);
      }),
      { numRuns: 60 },
    );
  });

  it('reads damage to the header HMAC as a wrong passphrase, and says to try another copy', async () => {
    const damaged = vault.slice();
    const at = outerHeaderLength(vault) + 40;
    damaged[at] = (damaged[at] as number) ^ 0x01;
    const error = await openError(openVaultFile(damaged, protect(VAULT_PASSPHRASE)));
    expect(error.code).toBe(ErrorCode.KdbxWrongPassphrase);
    expect(error.message).toMatch(/If you are certain of the passphrase, open the copy on another medium instead\./);
  });
});
