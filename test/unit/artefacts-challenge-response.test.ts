import { createHash, createHmac } from 'node:crypto';
import kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import type { ChallengeResponder } from '../../src-main/artefacts/challenge-response';
import { readKdbxPublicHeader } from '../../src-main/artefacts/kdbx-public-header';
import { createStrongroomKdbx, openStrongroomKdbx, protect, saveKdbx } from '../../src-main/artefacts/strongroom-kdbx';
import { YubiKeyHidChallengeResponder } from '../../src-main/platform/yubikey-challenge-responder';
import { TEST_KDF } from '../support/custody-fixture';
import { FakeHidPort, fakeYubiKey } from '../support/fake-hid';

const PASSPHRASE = 'correct horse vault battery staple quarry';
const SECRET = Buffer.from('3f8a0c1d2e4b5a697887a6b5c4d3e2f1a0b1c2d3', 'hex');
const noSleep = async () => {};

async function writeVault(responder: ChallengeResponder | undefined): Promise<Uint8Array> {
  const { db, group } = createStrongroomKdbx('vault', { database: 'Strongroom vault', group: 'Root users' }, { generation: 1, passphrase: protect(PASSPHRASE), kdf: TEST_KDF, ...(responder ? { challengeResponse: responder } : {}) });
  const entry = db.createEntry(group);
  entry.fields.set('Title', 'legal-hold');
  entry.fields.set('Password', kdbxweb.ProtectedValue.fromString('root-password-for-the-test'));
  return saveKdbx(db);
}

function kiosk(...keys: Parameters<typeof fakeYubiKey>[0][]) {
  const hid = new FakeHidPort();
  for (const key of keys) hid.plug(fakeYubiKey(key));
  return hid;
}

describe('a vault that also needs its YubiKey (KeePassXC-style HMAC-SHA1 challenge-response)', () => {
  it('opens only with the passphrase and the key programmed with its secret, or that key’s backup', async () => {
    const hid = kiosk({ serial: 1001, secrets: { 2: SECRET } });
    const primary = new YubiKeyHidChallengeResponder(hid, { slot: 2, serials: [1001, 1002] }, { sleep: noSleep });
    const bytes = await writeVault(primary);
    expect(readKdbxPublicHeader(bytes)).toMatchObject({ role: 'vault', publicStrings: { 'strongroom.challengeResponse': 'yubikey-hmac-sha1' } });

    const opened = await openStrongroomKdbx(bytes, protect(PASSPHRASE), 'vault', { challengeResponse: primary });
    expect(opened.db.getDefaultGroup().groups[0]?.entries[0]?.fields.get('Title')).toBe('legal-hold');

    const backupKiosk = kiosk({ serial: 1002, secrets: { 2: SECRET } });
    const backup = new YubiKeyHidChallengeResponder(backupKiosk, { slot: 2, serials: [1001, 1002] }, { sleep: noSleep });
    await expect(openStrongroomKdbx(bytes, protect(PASSPHRASE), 'vault', { challengeResponse: backup })).resolves.toMatchObject({ generation: 1 });

    const otherSecret = new YubiKeyHidChallengeResponder(kiosk({ serial: 1001, secrets: { 2: Buffer.alloc(20, 7) } }), { slot: 2, serials: [1001] }, { sleep: noSleep });
    await expect(openStrongroomKdbx(bytes, protect(PASSPHRASE), 'vault', { challengeResponse: otherSecret })).rejects.toMatchObject({
      code: 'KDBX_WRONG_PASSPHRASE',
      message: expect.stringContaining('check that YubiKey 1001, slot 2 is the key (or its backup) programmed for this file'),
    });
    await expect(openStrongroomKdbx(bytes, protect('a different passphrase entirely'), 'vault', { challengeResponse: primary })).rejects.toMatchObject({ code: 'KDBX_WRONG_PASSPHRASE' });
    await expect(openStrongroomKdbx(bytes, protect(PASSPHRASE), 'vault')).rejects.toMatchObject({ code: 'CHALLENGE_RESPONSE_REQUIRED' });
  });

  it('joins the key’s response to the composite key as KeePassXC does: SHA-256(SHA-256(passphrase) ‖ SHA-256(HMAC-SHA1(secret, KDF seed)))', async () => {
    const responses: Buffer[] = [];
    const challenges: Buffer[] = [];
    const hid = kiosk({ serial: 1001, secrets: { 1: SECRET } });
    const key = new YubiKeyHidChallengeResponder(hid, { slot: 1, serials: [] }, { sleep: noSleep });
    const spy: ChallengeResponder = {
      description: key.description,
      respond: async (challenge) => {
        challenges.push(Buffer.from(challenge));
        const response = await key.respond(challenge);
        responses.push(Buffer.from(response));
        return response;
      },
    };
    const bytes = await writeVault(spy);
    const db = await kdbxweb.Kdbx.load(bytes.slice().buffer, new kdbxweb.Credentials(protect(PASSPHRASE), createHash('sha256').update(responses[0]!).digest()));
    const seed = Buffer.from(db.header.kdfParameters?.get('S') as ArrayBuffer);
    expect(challenges[0]).toEqual(seed);
    expect(seed).toHaveLength(32);
    // The slot drops KeePassXC's padding again; an HMAC over the seed itself (unless the seed ends in padding bytes).
    let end = 32;
    while (end > 0 && seed[end - 1] === 32) end -= 1;
    expect(responses[0]).toEqual(createHmac('sha1', SECRET).update(seed.subarray(0, end)).digest());
    // The response is key material: neither it, its hash nor the key's secret is in the file.
    const file = Buffer.from(bytes);
    for (const secret of [responses[0]!, createHash('sha256').update(responses[0]!).digest(), SECRET]) expect(file.includes(secret)).toBe(false);
  });

  it('asks the key again on every save, with a fresh challenge', async () => {
    const challenges: string[] = [];
    const hid = kiosk({ serial: 1001, secrets: { 2: SECRET } });
    const key = new YubiKeyHidChallengeResponder(hid, { slot: 2, serials: [1001] }, { sleep: noSleep });
    const spy: ChallengeResponder = { description: key.description, respond: (c) => (challenges.push(Buffer.from(c).toString('hex')), key.respond(c)) };
    const { db } = createStrongroomKdbx('seed', { database: 'Strongroom seeds', group: 'Root users' }, { generation: 1, passphrase: protect(PASSPHRASE), kdf: TEST_KDF, challengeResponse: spy });
    await saveKdbx(db);
    await saveKdbx(db);
    expect(challenges).toHaveLength(2);
    expect(challenges[0]).not.toBe(challenges[1]);
  });

  it('says which key is missing, refuses to guess among several, and fails clearly on an unprogrammed slot', async () => {
    const challenge = new Uint8Array(32).fill(1);
    await expect(new YubiKeyHidChallengeResponder(new FakeHidPort(), { slot: 2, serials: [1001] }).respond(challenge)).rejects.toThrow('No YubiKey is plugged in. Plug in YubiKey 1001 and try again.');
    const two = kiosk({ serial: 5, secrets: { 2: SECRET } }, { serial: 6, secrets: { 2: SECRET } });
    await expect(new YubiKeyHidChallengeResponder(two, { slot: 2, serials: [] }, { sleep: noSleep }).respond(challenge)).rejects.toThrow(/Several YubiKeys/);
    await expect(new YubiKeyHidChallengeResponder(two, { slot: 2, serials: [1001] }, { sleep: noSleep }).respond(challenge)).rejects.toThrow('YubiKey 1001 is not plugged in (plugged in: YubiKey 5, 6).');
    expect(await new YubiKeyHidChallengeResponder(two, { slot: 2, serials: [6] }, { sleep: noSleep }).respond(challenge)).toHaveLength(20);
    await expect(new YubiKeyHidChallengeResponder(two, { slot: 1, serials: [6] }, { sleep: noSleep }).respond(challenge)).rejects.toMatchObject({ code: 'CHALLENGE_RESPONSE_FAILED' });
    const noHid = new FakeHidPort();
    noHid.unavailableReason = 'The USB token reader (node-hid) could not load on this kiosk: test';
    await expect(new YubiKeyHidChallengeResponder(noHid, { slot: 2, serials: [] }).respond(challenge)).rejects.toMatchObject({ code: 'HID_UNAVAILABLE' });
  });

  it('a file written without a key is untouched by the option: no mark, opens with the passphrase alone', async () => {
    const bytes = await writeVault(undefined);
    expect(readKdbxPublicHeader(bytes).kdbx && readKdbxPublicHeader(bytes)).not.toHaveProperty(['publicStrings', 'strongroom.challengeResponse']);
    await expect(openStrongroomKdbx(bytes, protect(PASSPHRASE), 'vault')).resolves.toMatchObject({ generation: 1 });
  });
});
