import kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import { readKdbxPublicHeader } from '../../src-main/artefacts/kdbx-public-header';
import type { KdfParameters } from '../../src-main/artefacts/kdbx-crypto';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { AWS_ROOT_SIGN_IN_URL, buildVaultFile, openVaultFile } from '../../src-main/artefacts/vault-file';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';

const CHEAP_KDF: KdfParameters = { algorithm: 'argon2id', memoryMiB: 1, iterations: 1, parallelism: 1 };
const PASSPHRASE = 'orbit-velvet-canyon-sprout-lantern-quiver-mosaic';

const ACCOUNTS = [
  { account: { accountId: '012345678901', name: 'Payments prod', rootEmail: 'aws+pay@example.com' }, password: 'r8#Kq!vT2(mZp_9' },
  { account: { accountId: '111122223333', name: 'R&D: <lab>', rootEmail: 'aws+lab@example.com' }, password: 'A"quote\'and\\slash' },
];

async function build(options: Partial<Parameters<typeof buildVaultFile>[1]> = {}) {
  return buildVaultFile(
    ACCOUNTS.map(({ account, password }) => ({ account, password: protect(password) })),
    { generation: 7, passphrase: protect(PASSPHRASE), kdf: CHEAP_KDF, ...options },
  );
}

describe('vault.kdbx', () => {
  it('opens again with the passphrase, giving every account with its password and the generation', async () => {
    const opened = await openVaultFile(await build(), protect(PASSPHRASE));
    expect(opened.generation).toBe(7);
    expect(opened.kdf).toEqual(CHEAP_KDF);
    expect(opened.otherEntries).toEqual([]);
    expect(
      opened.entries.map((entry) => ({ ...entry, password: entry.password.getText() })),
    ).toEqual([
      {
        accountId: '012345678901',
        name: 'Payments prod',
        rootEmail: 'aws+pay@example.com',
        title: 'Payments prod (012345678901)',
        userName: 'root',
        url: AWS_ROOT_SIGN_IN_URL,
        password: 'r8#Kq!vT2(mZp_9',
        history: [],
      },
      {
        accountId: '111122223333',
        name: 'R&D: <lab>',
        rootEmail: 'aws+lab@example.com',
        title: 'R&D: <lab> (111122223333)',
        userName: 'root',
        url: AWS_ROOT_SIGN_IN_URL,
        password: 'A"quote\'and\\slash',
        history: [],
      },
    ]);
    expect(opened.entries[0]?.password).toBeInstanceOf(kdbxweb.ProtectedValue);
  });

  it('is KDBX4 with Argon2id, one group of accounts, notes and custom fields, and no recycle bin', async () => {
    const bytes = await build();
    const db = await kdbxweb.Kdbx.load(bytes.slice().buffer, new kdbxweb.Credentials(protect(PASSPHRASE)));
    expect(db.versionMajor).toBe(4);
    expect(kdbxweb.ByteUtils.bytesToBase64(db.header.kdfParameters?.get('$UUID') as ArrayBuffer)).toBe(kdbxweb.Consts.KdfId.Argon2id);
    const root = db.getDefaultGroup();
    expect(root.groups.map((group) => group.name)).toEqual(['AWS root accounts']);
    const entry = root.groups[0]?.entries[0];
    expect(entry?.fields.get('AccountId')).toBe('012345678901');
    expect(entry?.fields.get('Email')).toBe('aws+pay@example.com');
    expect(entry?.fields.get('Notes')).toContain('AWS account id: 012345678901');
    expect(entry?.fields.get('Password')).toBeInstanceOf(kdbxweb.ProtectedValue);
  });

  it('carries role, generation and format as public header strings that need no key', async () => {
    const bytes = await build({ generation: 12 });
    const header = readKdbxPublicHeader(bytes);
    expect(header).toMatchObject({ kdbx: true, role: 'vault', generation: 12, headerComplete: true });
    const db = await kdbxweb.Kdbx.load(bytes.slice().buffer, new kdbxweb.Credentials(protect(PASSPHRASE)));
    const publicData = db.header.publicCustomData;
    expect(publicData?.keys().sort()).toEqual(['strongroom.format', 'strongroom.generation', 'strongroom.role']);
    expect([publicData?.get('strongroom.role'), publicData?.get('strongroom.generation'), publicData?.get('strongroom.format')]).toEqual(['vault', '12', '1']);
  });

  it('never holds an MFA seed or a TOTP field', async () => {
    const db = await kdbxweb.Kdbx.load((await build()).slice().buffer, new kdbxweb.Credentials(protect(PASSPHRASE)));
    const xml = await db.saveXml();
    expect(xml).not.toMatch(/otpauth|<Key>otp<\/Key>|TOTP/i);
    for (const entry of db.getDefaultGroup().groups[0]?.entries ?? []) {
      expect([...entry.fields.keys()].sort()).toEqual(['AccountId', 'Email', 'Notes', 'Password', 'Title', 'URL', 'UserName']);
    }
  });

  it('keeps passwords out of the file in plain text', async () => {
    const text = Buffer.from(await build()).toString('latin1');
    for (const { password } of ACCOUNTS) expect(text).not.toContain(password);
  });

  it('can use ChaCha20 for the data', async () => {
    const bytes = await build({ cipher: 'chacha20' });
    expect((await openVaultFile(bytes, protect(PASSPHRASE))).entries).toHaveLength(2);
  });

  it('refuses two entries for the same account', async () => {
    const dup = ACCOUNTS[0] as (typeof ACCOUNTS)[number];
    await expect(
      buildVaultFile([dup, dup].map(({ account, password }) => ({ account, password: protect(password) })), {
        generation: 1,
        passphrase: protect(PASSPHRASE),
        kdf: CHEAP_KDF,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.DuplicateAccount });
  });

  it('refuses an account with a bad id or email before writing anything', async () => {
    const attempt = (account: { accountId: string; name: string; rootEmail: string }) =>
      buildVaultFile([{ account, password: protect('x') }], { generation: 1, passphrase: protect(PASSPHRASE), kdf: CHEAP_KDF });
    await expect(attempt({ accountId: '12345', name: 'A', rootEmail: 'a@example.com' })).rejects.toBeInstanceOf(StrongroomError);
    await expect(attempt({ accountId: '123456789012', name: 'A', rootEmail: 'nope' })).rejects.toMatchObject({ code: ErrorCode.InvalidAccountEmail });
  });

  it('lists entries added by hand in KeePassXC apart from the accounts', async () => {
    const bytes = await build();
    const db = await kdbxweb.Kdbx.load(bytes.slice().buffer, new kdbxweb.Credentials(protect(PASSPHRASE)));
    const extra = db.createEntry(db.getDefaultGroup());
    extra.fields.set('Title', 'Break-glass note');
    // Re-saving with kdbxweb keeps the header's public custom data, as KeePassXC does.
    const resaved = new Uint8Array(await db.save());
    const opened = await openVaultFile(resaved, protect(PASSPHRASE));
    expect(opened.entries).toHaveLength(2);
    expect(opened.otherEntries).toEqual(['Break-glass note']);
  });
});

describe('vault bytes handed over in any kind of buffer', () => {
  it('opens a vault given as a small Buffer that sits inside a larger shared memory block', async () => {
    const passphrase = protect('pool test passphrase that is long enough');
    const bytes = await buildVaultFile(
      [{ account: { accountId: '123456789012', name: 'pool-test', rootEmail: 'aws+pool@example.com' }, password: protect('pw-for-the-pool-test') }],
      { generation: 1, passphrase, kdf: { algorithm: 'argon2id', memoryMiB: 1, iterations: 1, parallelism: 1 } },
    );
    const pool = Buffer.alloc(bytes.length + 4096, 0x5a);
    Buffer.from(bytes).copy(pool, 1000);
    const inside = pool.subarray(1000, 1000 + bytes.length);
    expect(inside.byteOffset).toBe(1000);
    const opened = await openVaultFile(inside, passphrase);
    expect(opened.entries[0]?.password.getText()).toBe('pw-for-the-pool-test');
  });
});
