import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSeedFile } from '../../src-main/artefacts/seed-file';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { openVaultFile } from '../../src-main/artefacts/vault-file';
import { base32Decode, parseSeed } from '../../src-main/core/seed';
import { totpCode } from '../../src-main/core/totp';
import { filesUnder } from '../support/cli';
import { custodyKiosk, enrolAndWrite, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { FakeClock } from '../support/fake-clock';

const NEW_SEED = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPJQWEY3EMVTGO2DJNJVWY3LOOZ3XO6DZ';
const vaultOf = async (stick: string) => openVaultFile(readFileSync(join(stick, 'STRONGROOM', 'vault.kdbx')), protect(VAULT_PASSPHRASE));
const seedsOf = async (stick: string) => openSeedFile(readFileSync(join(stick, 'STRONGROOM', 'seeds.kdbx')), protect(SEED_PASSPHRASE));

describe('rotation: no credential replaced without intent', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('writes a new password as pending beside the current one, confirms it, and keeps the old one in the entry history', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const passwords = await enrolAndWrite(k.app);
    const old = passwords['111111111111']!;

    await expect(k.app.rotation.start({ accountId: '111111111111', what: 'password', reason: 'too short', vaultPassphrase: VAULT_PASSPHRASE })).rejects.toMatchObject({ code: 'REASON_TOO_SHORT' });
    const started = await k.app.rotation.start({ accountId: '111111111111', what: 'password', reason: 'Quarterly rotation of root passwords', vaultPassphrase: VAULT_PASSPHRASE });
    expect(started.job).toMatchObject({ status: 'complete', purpose: 'rotation-start' });
    // Only the vault is written for a password: the seed store stays at its generation.
    expect(started.job.generations.map((g) => [g.role, g.generation])).toEqual([['vault', 2]]);
    expect(started.rotation).toMatchObject({ status: 'pending', what: 'password' });
    const fresh = started.password!;
    expect(fresh).toHaveLength(40);
    expect(fresh).not.toBe(old);

    const pendingVault = await vaultOf(k.sticks.vault2);
    const entry = pendingVault.entries.find((e) => e.accountId === '111111111111')!;
    expect(entry.password.getText()).toBe(old);
    expect(entry.pending?.value.getText()).toBe(fresh);
    expect(entry.pending?.reason).toBe('Quarterly rotation of root passwords');

    // Break-glass meanwhile shows both, and says which to try first.
    const view = await k.app.breakGlass.openFor({
      accountId: '111111111111', reason: 'Support case needs root sign-in', vaultDevicePath: k.sticks.vault1, seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor',
    });
    expect(view.rotation).toMatchObject({ password: true, seed: false });
    expect(view.rotation?.advice).toMatch(/Try the NEW password first/);
    expect(k.app.breakGlass.revealPendingPassword(view.sessionId)).toBe(fresh);
    expect(k.app.breakGlass.revealPassword(view.sessionId)).toBe(old);
    k.app.breakGlass.close(view.sessionId);

    // A second rotation waits for this one.
    await expect(k.app.rotation.start({ accountId: '111111111111', what: 'password', reason: 'Another rotation right away', vaultPassphrase: VAULT_PASSPHRASE })).rejects.toMatchObject({ code: 'ROTATION_PENDING' });

    const confirmed = await k.app.rotation.confirm('111111111111', { vaultPassphrase: VAULT_PASSPHRASE });
    expect(confirmed.rotation.status).toBe('confirmed');
    const after = (await vaultOf(k.sticks.vault1)).entries.find((e) => e.accountId === '111111111111')!;
    expect(after.password.getText()).toBe(fresh);
    expect(after.pending).toBeUndefined();
    expect(after.history.map((h) => h.value.getText())).toEqual([old]);
    expect(after.history[0]?.note).toBe('replaced by a rotation: Quarterly rotation of root passwords');

    const glass = await k.app.breakGlass.openFor({
      accountId: '111111111111', reason: 'Root sign-in after the rotation', vaultDevicePath: k.sticks.vault2, seedDevicePath: k.sticks.seed2,
      vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor',
    });
    expect(glass.rotation).toBeNull();
    expect(k.app.breakGlass.revealPassword(glass.sessionId)).toBe(fresh);
    expect(k.app.catalog.audit.list({ limit: 200 }).map((e) => e.action)).toEqual(expect.arrayContaining(['rotation.started', 'rotation.confirmed']));
  });

  it('rotates a seed: the two codes come from the new secret, and a cancel keeps the current seed in use', async () => {
    const clock = new FakeClock('2026-11-23T10:00:10Z');
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const started = await k.app.rotation.start({ accountId: '222222222222', what: 'seed', reason: 'New MFA device after a phone swap', newSeed: NEW_SEED.toLowerCase(), seedPassphrase: SEED_PASSPHRASE });
    expect(started.password).toBeNull();
    expect(started.codes?.current.code).toBe(totpCode(parseSeed(NEW_SEED), clock.now()));
    expect(k.app.rotation.codes('222222222222').next.code).toBe(totpCode(parseSeed(NEW_SEED), new Date(clock.now().getTime() + 30_000)));
    expect(started.job.generations.map((g) => g.role)).toEqual(['seed']);

    const view = await k.app.breakGlass.openFor({
      accountId: '222222222222', reason: 'Root sign-in while the seed rotates', vaultDevicePath: k.sticks.vault1, seedDevicePath: k.sticks.seed2,
      vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor',
    });
    expect(view.rotation).toMatchObject({ password: false, seed: true });
    expect(k.app.breakGlass.pendingCode(view.sessionId)?.current.code).toBe(totpCode(parseSeed(NEW_SEED), clock.now()));
    expect(k.app.breakGlass.code(view.sessionId).current.code).toBe(totpCode(parseSeed(SEED_B), clock.now()));
    k.app.breakGlass.close(view.sessionId);

    const cancelled = await k.app.rotation.cancel('222222222222', { seedPassphrase: SEED_PASSPHRASE });
    expect(cancelled.rotation.status).toBe('cancelled');
    const entry = (await seedsOf(k.sticks.seed1)).entries.find((e) => e.accountId === '222222222222')!;
    expect(entry.seed.base32).toBe(SEED_B);
    expect(entry.pending).toBeUndefined();
    // The dropped seed is kept in the entry's history, in case it reached AWS after all.
    expect(entry.history.map((h) => h.value.base32)).toEqual([NEW_SEED]);
    expect(entry.history[0]?.note).toMatch(/^rotation cancelled before AWS confirmed it/);
  });

  it('refuses to enrol an enrolled account again: a new password or seed comes only by rotation', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    expect(() => k.app.enrolment.start('111111111111')).toThrow(expect.objectContaining({ code: 'ACCOUNT_ALREADY_ENROLLED', message: expect.stringContaining('rotate it') }));
  });

  it('rotates password and seed together, then confirms both, and nothing secret lands on the kiosk', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const passwords = await enrolAndWrite(k.app);
    const started = await k.app.rotation.start({ accountId: '111111111111', what: 'both', reason: 'Re-enrolment after a suspected leak', newSeed: NEW_SEED, vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(started.job.generations.map((g) => [g.role, g.generation])).toEqual([['vault', 2], ['seed', 2]]);
    await k.app.rotation.confirm('111111111111', { vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect((await seedsOf(k.sticks.seed2)).entries.find((e) => e.accountId === '111111111111')?.seed.base32).toBe(NEW_SEED);
    expect((await vaultOf(k.sticks.vault2)).entries.find((e) => e.accountId === '111111111111')?.password.getText()).toBe(started.password);

    k.app.catalog.db.pragma('wal_checkpoint(TRUNCATE)');
    const needles = [started.password!, passwords['111111111111']!, NEW_SEED, SEED_A, VAULT_PASSPHRASE, SEED_PASSPHRASE];
    for (const file of filesUnder(k.home)) {
      const content = readFileSync(file);
      for (const needle of needles) expect(content.includes(Buffer.from(needle)), `${needle.slice(0, 4)}… in ${file}`).toBe(false);
      expect(content.includes(Buffer.from(base32Decode(NEW_SEED)))).toBe(false);
    }
  });
});
