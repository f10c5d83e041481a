import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KDF_PARAMETERS, type KdfParameters } from '../../src-main/artefacts/kdbx-crypto';
import { readKdbxPublicHeader } from '../../src-main/artefacts/kdbx-public-header';
import { buildSeedFile, openSeedFile } from '../../src-main/artefacts/seed-file';
import { openKdbxRaw, protect } from '../../src-main/artefacts/strongroom-kdbx';
import { buildVaultFile, openVaultFile } from '../../src-main/artefacts/vault-file';
import { ErrorCode } from '../../src-main/core/errors';
import { buildOtpauthUri } from '../../src-main/core/otpauth';
import { parseSeed, type Seed } from '../../src-main/core/seed';
import { totpCode } from '../../src-main/core/totp';

/**
 * The break-glass promise: whoever holds a vault or seed medium and its passphrase can read it with stock
 * KeePassXC on any machine, and KeePassXC shows the same MFA code Strongroom computes.
 */

const KEEPASSXC = spawnSync('keepassxc-cli', ['--version'], { encoding: 'utf8' }).status === 0;
if (!KEEPASSXC) console.warn('keepassxc-cli is not installed: the KeePassXC interoperability tests are skipped.');

const CHEAP_KDF: KdfParameters = { algorithm: 'argon2id', memoryMiB: 1, iterations: 1, parallelism: 1 };
const VAULT_PASSPHRASE = 'orbit velvet canyon sprout lantern quiver mosaic';
const SEED_PASSPHRASE = 'thimble-parsnip-gazebo-umbrella-fjord-walrus-kettle';
const ACCOUNTS = [
  { accountId: '012345678901', name: 'Payments prod', rootEmail: 'aws+pay@example.com', password: 'r8#Kq!vT2(mZp_9xW$a&*)' },
  { accountId: '111122223333', name: 'R&D: data/lake (EU)', rootEmail: 'aws+lab@example.com', password: 'Ab2!Cd3#Ef4$Gh5%' },
];
const SEEDS: Seed[] = [
  parseSeed('FCBCEJXNR7BW5W3WR4LDJNOQ7MSOQV53H4WIUCDBWG4Q3B5HAGH552Z3NOLMXL57'),
  parseSeed('JBSWY3DPEHPK3PXP'),
];

let dir = '';

function keepassxc(args: readonly string[], passphrase: string, extraInput = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('keepassxc-cli', args, { input: `${passphrase}\n${extraInput}`, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-keepassxc-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!KEEPASSXC)('KeePassXC reads what Strongroom writes', () => {
  it('lists the vault entries and shows user name, password, sign-in URL and account fields', async () => {
    const bytes = await buildVaultFile(
      ACCOUNTS.map(({ password, ...account }) => ({ account, password: protect(password) })),
      { generation: 2, passphrase: protect(VAULT_PASSPHRASE), kdf: CHEAP_KDF },
    );
    const path = write('vault.kdbx', bytes);

    const list = keepassxc(['ls', '-q', '-R', '-f', path], VAULT_PASSPHRASE);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'AWS root accounts/',
      'AWS root accounts/Payments prod (012345678901)',
      'AWS root accounts/R&D: data/lake (EU) (111122223333)',
    ].sort());

    for (const { accountId, name, rootEmail, password } of ACCOUNTS) {
      const shown = keepassxc(
        ['show', '-q', '-s', '-a', 'UserName', '-a', 'Password', '-a', 'URL', '-a', 'AccountId', '-a', 'Email', path, `AWS root accounts/${name} (${accountId})`],
        VAULT_PASSPHRASE,
      );
      expect(shown.status, shown.stderr).toBe(0);
      expect(shown.stdout).toBe(['root', password, 'https://signin.aws.amazon.com/console', accountId, rootEmail, ''].join('\n'));
    }
  });

  it('refuses the vault with the seed passphrase', async () => {
    const bytes = await buildVaultFile([{ account: ACCOUNTS[0] as (typeof ACCOUNTS)[0], password: protect('x') }], {
      generation: 1,
      passphrase: protect(VAULT_PASSPHRASE),
      kdf: CHEAP_KDF,
    });
    const result = keepassxc(['ls', '-q', write('vault-wrong.kdbx', bytes)], SEED_PASSPHRASE);
    expect(result.status).not.toBe(0);
  });

  it('shows the otpauth link and the same TOTP code Strongroom computes, at the same moment', async () => {
    const bytes = await buildSeedFile(
      ACCOUNTS.map(({ password: _password, ...account }, i) => ({ account, seed: SEEDS[i] as Seed })),
      { generation: 5, passphrase: protect(SEED_PASSPHRASE), kdf: CHEAP_KDF },
    );
    const path = write('seeds.kdbx', bytes);
    for (const [i, { accountId, name }] of ACCOUNTS.entries()) {
      const seed = SEEDS[i] as Seed;
      const entry = `AWS root MFA seeds/${name} (${accountId})`;

      const otp = keepassxc(['show', '-q', '-s', '-a', 'otp', path, entry], SEED_PASSPHRASE);
      expect(otp.status, otp.stderr).toBe(0);
      expect(otp.stdout.trim()).toBe(buildOtpauthUri({ name, accountId }, seed));

      // Both read the real clock; if a 30-second boundary falls between the two readings, try once more.
      let compared = false;
      for (let attempt = 0; attempt < 2 && !compared; attempt++) {
        const before = new Date();
        const shown = keepassxc(['show', '-q', '--totp', path, entry], SEED_PASSPHRASE);
        const after = new Date();
        expect(shown.status, shown.stderr).toBe(0);
        if (Math.floor(before.getTime() / 30_000) !== Math.floor(after.getTime() / 30_000)) continue;
        expect(shown.stdout.trim()).toBe(totpCode(seed, before));
        compared = true;
      }
      expect(compared, 'two attempts both straddled a 30-second boundary').toBe(true);
    }
  });

  it('opens a vault written with the real default key-derivation settings', async () => {
    const bytes = await buildVaultFile([{ account: ACCOUNTS[0] as (typeof ACCOUNTS)[0], password: protect('r8#Kq!vT2(mZp_9') }], {
      generation: 1,
      passphrase: protect(VAULT_PASSPHRASE),
      kdf: DEFAULT_KDF_PARAMETERS,
    });
    const path = write('vault-default-kdf.kdbx', bytes);
    const info = keepassxc(['db-info', '-q', path], VAULT_PASSPHRASE);
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toContain(`KDF: Argon2id (${DEFAULT_KDF_PARAMETERS.iterations} rounds, ${DEFAULT_KDF_PARAMETERS.memoryMiB * 1024} KB)`);
    const shown = keepassxc(['show', '-q', '-s', '-a', 'Password', path, 'AWS root accounts/Payments prod (012345678901)'], VAULT_PASSPHRASE);
    expect(shown.stdout).toBe('r8#Kq!vT2(mZp_9\n');
    expect((await openVaultFile(bytes, protect(VAULT_PASSPHRASE))).entries).toHaveLength(1);
  });

  it('keeps the Strongroom marking when a custodian edits the vault in KeePassXC', async () => {
    const bytes = await buildVaultFile([{ account: ACCOUNTS[0] as (typeof ACCOUNTS)[0], password: protect('first') }], {
      generation: 8,
      passphrase: protect(VAULT_PASSPHRASE),
      kdf: CHEAP_KDF,
    });
    const path = write('vault-edited.kdbx', bytes);
    const added = keepassxc(['add', '-q', '-u', 'note', '-p', path, 'AWS root accounts/Break-glass note'], VAULT_PASSPHRASE, 'typed-by-hand\n');
    expect(added.status, added.stderr).toBe(0);
    const edited = new Uint8Array(readFileSync(path));
    expect(readKdbxPublicHeader(edited)).toMatchObject({ role: 'vault', generation: 8 });
    const opened = await openVaultFile(edited, protect(VAULT_PASSPHRASE));
    expect(opened.entries.map((entry) => entry.accountId)).toEqual(['012345678901']);
    expect(opened.otherEntries).toEqual(['Break-glass note']);
  });
});

describe.skipIf(!KEEPASSXC)('Strongroom reads what KeePassXC writes', () => {
  it('reports a KeePassXC database as unknown when opened as a vault or seed store, and reads it raw on request', async () => {
    const path = join(dir, 'made-in-keepassxc.kdbx');
    const created = spawnSync('keepassxc-cli', ['db-create', '-q', '-p', '-t', '100', path], { input: 'kx-pass-phrase\nkx-pass-phrase\n', encoding: 'utf8' });
    expect(created.status, created.stderr).toBe(0);
    const added = keepassxc(['add', '-q', '-u', 'alice', '--url', 'https://signin.aws.amazon.com/console', '-p', path, 'Legacy root'], 'kx-pass-phrase', 'EntryPass1!\n');
    expect(added.status, added.stderr).toBe(0);
    const bytes = new Uint8Array(readFileSync(path));

    await expect(openVaultFile(bytes, protect('kx-pass-phrase'))).rejects.toMatchObject({ code: ErrorCode.KdbxUnknown });
    await expect(openSeedFile(bytes, protect('kx-pass-phrase'))).rejects.toMatchObject({ code: ErrorCode.KdbxUnknown });

    const raw = await openKdbxRaw(bytes, protect('kx-pass-phrase'));
    expect(raw.role).toBeNull();
    expect(raw.entries.map((entry) => [entry.title, entry.userName, entry.password.getText(), entry.url])).toEqual([
      ['Legacy root', 'alice', 'EntryPass1!', 'https://signin.aws.amazon.com/console'],
    ]);
    await expect(openKdbxRaw(bytes, protect('not-the-pass'))).rejects.toMatchObject({ code: ErrorCode.KdbxWrongPassphrase });
  });
});
