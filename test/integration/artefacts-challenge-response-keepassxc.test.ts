import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kdbxweb from 'kdbxweb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengeResponder } from '../../src-main/artefacts/challenge-response';
import { createStrongroomKdbx, protect, saveKdbx } from '../../src-main/artefacts/strongroom-kdbx';
import { YubiKeyHidChallengeResponder } from '../../src-main/platform/yubikey-challenge-responder';
import { TEST_KDF } from '../support/custody-fixture';
import { FakeHidPort, fakeYubiKey } from '../support/fake-hid';

/**
 * keepassxc-cli cannot be given a YubiKey here (none is plugged into this machine, and the fake speaks HID only to
 * Strongroom). What it can be given is the same composite key by another door: KeePassXC hashes a 32-byte key
 * file in as-is, exactly where it would put SHA-256 of the key's response. If KeePassXC opens our file with that
 * key file, Strongroom and KeePassXC agree on how a challenge-response joins the composite key; the transport to
 * a real key is the part left unverified on this machine.
 */
const KEEPASSXC = spawnSync('keepassxc-cli', ['--version'], { encoding: 'utf8' }).status === 0;
if (!KEEPASSXC) console.warn('keepassxc-cli is not installed: the challenge-response composite-key check is skipped.');

const PASSPHRASE = 'orbit velvet canyon sprout lantern quiver mosaic';

describe.skipIf(!KEEPASSXC)('KeePassXC and a vault protected by YubiKey challenge-response', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'strongroom-cr-keepassxc-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('KeePassXC opens it with the passphrase and the response in the composite key, and not with the passphrase alone', async () => {
    const hid = new FakeHidPort();
    hid.plug(fakeYubiKey({ serial: 4711, secrets: { 2: Buffer.alloc(20, 0x5a) } }));
    const key = new YubiKeyHidChallengeResponder(hid, { slot: 2, serials: [4711] }, { sleep: async () => {} });
    let responseHash: Buffer | null = null;
    const spy: ChallengeResponder = {
      description: key.description,
      respond: async (challenge) => {
        const response = await key.respond(challenge);
        responseHash = createHash('sha256').update(response).digest();
        return response;
      },
    };
    const { db, group } = createStrongroomKdbx('vault', { database: 'Strongroom vault', group: 'Root users' }, { generation: 1, passphrase: protect(PASSPHRASE), kdf: TEST_KDF, challengeResponse: spy });
    const entry = db.createEntry(group);
    entry.fields.set('Title', 'legal-hold');
    entry.fields.set('Password', kdbxweb.ProtectedValue.fromString('Zq8!root-password'));
    const vault = join(dir, 'vault.kdbx');
    writeFileSync(vault, await saveKdbx(db));
    const keyFile = join(dir, 'response.key');
    writeFileSync(keyFile, responseHash!);

    const opened = spawnSync('keepassxc-cli', ['show', '-q', '-s', '-a', 'Password', '-k', keyFile, vault, 'Root users/legal-hold'], { input: `${PASSPHRASE}\n`, encoding: 'utf8' });
    expect(opened.stderr).toBe('');
    expect(opened.stdout.trim()).toBe('Zq8!root-password');
    const refused = spawnSync('keepassxc-cli', ['ls', '-q', vault], { input: `${PASSPHRASE}\n`, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
  });
});
