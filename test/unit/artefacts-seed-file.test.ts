import kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import { readKdbxPublicHeader } from '../../src-main/artefacts/kdbx-public-header';
import type { KdfParameters } from '../../src-main/artefacts/kdbx-crypto';
import { buildSeedFile, openSeedFile } from '../../src-main/artefacts/seed-file';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { buildOtpauthUri } from '../../src-main/core/otpauth';
import { parseSeed } from '../../src-main/core/seed';

const CHEAP_KDF: KdfParameters = { algorithm: 'argon2id', memoryMiB: 1, iterations: 1, parallelism: 1 };
const PASSPHRASE = 'lantern-quiver-mosaic-orbit-velvet-canyon-sprout';
const SEED_A = parseSeed('FCBCEJXNR7BW5W3WR4LDJNOQ7MSOQV53H4WIUCDBWG4Q3B5HAGH552Z3NOLMXL57');
const SEED_B = parseSeed(btoa('U4BAUTRZN6SHV6NHDAM5OPNVVAOI34WAELRZ6DHXYNAFAD7POFJOMTQ6USJDFDMG'));
const ENTRIES = [
  { account: { accountId: '012345678901', name: 'Payments prod', rootEmail: 'aws+pay@example.com' }, seed: SEED_A },
  { account: { accountId: '111122223333', name: 'Audit', rootEmail: 'aws+audit@example.com' }, seed: SEED_B },
];

const build = (generation = 4) => buildSeedFile(ENTRIES, { generation, passphrase: protect(PASSPHRASE), kdf: CHEAP_KDF });

describe('seeds.kdbx', () => {
  it('opens again giving every account with its seed, in memory', async () => {
    const opened = await openSeedFile(await build(), protect(PASSPHRASE));
    expect(opened.generation).toBe(4);
    expect(opened.otherEntries).toEqual([]);
    expect(opened.entries.map(({ accountId, name, rootEmail, title, seed }) => [accountId, name, rootEmail, title, seed.base32])).toEqual([
      ['012345678901', 'Payments prod', 'aws+pay@example.com', 'Payments prod (012345678901)', SEED_A.base32],
      ['111122223333', 'Audit', 'aws+audit@example.com', 'Audit (111122223333)', SEED_B.base32],
    ]);
  });

  it('keeps each seed as a protected otpauth link in the otp attribute KeePassXC reads', async () => {
    const db = await kdbxweb.Kdbx.load((await build()).slice().buffer, new kdbxweb.Credentials(protect(PASSPHRASE)));
    const group = db.getDefaultGroup().groups[0];
    expect(group?.name).toBe('AWS root MFA seeds');
    const entry = group?.entries[0];
    const otp = entry?.fields.get('otp');
    expect(otp).toBeInstanceOf(kdbxweb.ProtectedValue);
    expect((otp as kdbxweb.ProtectedValue).getText()).toBe(buildOtpauthUri({ name: 'Payments prod', accountId: '012345678901' }, SEED_A));
    expect([...(entry?.fields.keys() ?? [])].sort()).toEqual(['AccountId', 'AccountName', 'Email', 'Notes', 'Password', 'Title', 'URL', 'UserName', 'otp']);
    expect(entry?.fields.get('Password')).toBe('');
  });

  it('is marked as the seed role in the public header', async () => {
    expect(readKdbxPublicHeader(await build(9))).toMatchObject({ kdbx: true, role: 'seed', generation: 9, headerComplete: true });
  });

  it('keeps seeds out of the file in plain text', async () => {
    const text = Buffer.from(await build()).toString('latin1');
    expect(text).not.toContain(SEED_A.base32.slice(0, 16));
    expect(text).not.toContain('otpauth');
  });
});
