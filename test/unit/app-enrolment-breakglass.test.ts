import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base32Decode } from '../../src-main/core/seed';
import { totpCode } from '../../src-main/core/totp';
import { parseSeed } from '../../src-main/core/seed';
import { filesUnder } from '../support/cli';
import { custodyKiosk, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE, enrolAndWrite, SECOND_CUSTODIAN } from '../support/custody-fixture';
import { FakeClock } from '../support/fake-clock';
import { registerAndSignIn } from '../support/custodians';


describe('enrolment and break-glass on practice media', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('enrols two accounts, writes every vault and seed stick, and a break-glass gives back the password and the live code', async () => {
    const clock = new FakeClock('2026-11-23T10:00:10Z');
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    const passwords: Record<string, string> = {};
    for (const [accountId, seed] of [['111111111111', SEED_A], ['222222222222', SEED_B]] as const) {
      const started = k.app.enrolment.start(accountId);
      passwords[accountId] = k.app.enrolment.revealPassword(started.enrolmentId);
      expect(passwords[accountId]).toHaveLength(40);
      const { codes } = k.app.enrolment.setSeed(started.enrolmentId, seed.toLowerCase().replace(/(.{4})/g, '$1 '));
      expect(codes.current.code).toBe(totpCode(parseSeed(seed), clock.now()));
      expect(codes.next.code).toBe(totpCode(parseSeed(seed), new Date(clock.now().getTime() + 30_000)));
      k.app.enrolment.confirmAwsAccepted(started.enrolmentId);
    }
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect([...report.enrolled].sort()).toEqual(['111111111111', '222222222222']);
    expect(report.job.status).toBe('complete');
    expect(report.job.sticks.filter((s) => s.role === 'vault' && s.state === 'committed').map((s) => s.mediumId).sort()).toEqual(['VAULT-01', 'VAULT-02']);
    expect(report.job.sticks.filter((s) => s.role === 'seed' && s.state === 'committed').map((s) => s.mediumId).sort()).toEqual(['SEEDS-01', 'SEEDS-02']);
    expect(report.job.behind).toEqual([]);
    expect(k.app.accounts.get('111111111111').enrolledAt).not.toBeNull();

    const view = await k.app.breakGlass.openFor({
      accountId: '222222222222',
      reason: 'Closing the account: root needed for billing change',
      vaultDevicePath: k.sticks.vault2,
      seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE,
      seedPassphrase: SEED_PASSPHRASE,
      vaultCustodian: 'Dana Whitfield',
      seedCustodian: 'Sam Okafor',
    });
    expect(view).toMatchObject({ accountName: 'prod-data', rootEmail: 'aws+data@example.com', vaultGeneration: 1, seedGeneration: 1, warnings: [] });
    expect(k.app.breakGlass.revealPassword(view.sessionId)).toBe(passwords['222222222222']);
    expect(k.app.breakGlass.code(view.sessionId).current.code).toBe(totpCode(parseSeed(SEED_B), clock.now()));
    expect(k.app.catalog.audit.list({ limit: 5 }).some((e) => e.action === 'breakglass.opened' && e.details['seedCustodian'] === 'Sam Okafor')).toBe(true);

    // Nothing secret on the kiosk: not in the catalog, its WAL, or anything else in the app-data folder.
    k.app.catalog.db.pragma('wal_checkpoint(TRUNCATE)');
    const needles = [passwords['111111111111']!, passwords['222222222222']!, SEED_A, SEED_B, VAULT_PASSPHRASE, SEED_PASSPHRASE];
    const seedBytes = [Buffer.from(base32Decode(SEED_A)), Buffer.from(base32Decode(SEED_B))];
    for (const file of filesUnder(k.home)) {
      const content = readFileSync(file);
      for (const needle of needles) expect(content.includes(Buffer.from(needle)), `${needle.slice(0, 6)}… in ${file}`).toBe(false);
      for (const raw of seedBytes) expect(content.includes(raw)).toBe(false);
    }
  });

  it('a second enrolment adds to the existing vault and seed store, and flags the replica left behind', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);

    k.practice.removeStick('vault-2');
    const second = k.app.enrolment.start('222222222222');
    k.app.enrolment.setSeed(second.enrolmentId, SEED_B);
    k.app.enrolment.confirmAwsAccepted(second.enrolmentId);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(report.job.generations.find((g) => g.role === 'vault')).toMatchObject({ generation: 2, accounts: 2 });
    expect(report.job.behind).toEqual([{ mediumId: 'VAULT-02', role: 'vault', location: 'off site, Bank', generation: 1 }]);
  });

  it('tells a wrong passphrase apart and writes nothing', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    const again = k.app.enrolment.start('222222222222');
    k.app.enrolment.setSeed(again.enrolmentId, SEED_B);
    k.app.enrolment.confirmAwsAccepted(again.enrolmentId);
    await expect(k.app.enrolment.write({ vaultPassphrase: 'not the vault passphrase at all', seedPassphrase: SEED_PASSPHRASE })).rejects.toMatchObject({
      code: 'KDBX_WRONG_PASSPHRASE',
    });
    expect(k.app.catalog.media.newestGeneration('vault.kdbx')).toBe(1);
    // The enrolment is still pending, so the custodian can retry with the right passphrase.
    expect(k.app.enrolment.list()).toHaveLength(1);
  });

  it('refuses equal vault and seed passphrases', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const e = k.app.enrolment.start('111111111111');
    k.app.enrolment.setSeed(e.enrolmentId, SEED_A);
    k.app.enrolment.confirmAwsAccepted(e.enrolmentId);
    await expect(k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: VAULT_PASSPHRASE })).rejects.toMatchObject({ code: 'PASSPHRASES_NOT_DISTINCT' });
  });

  it('wipes an open break-glass when the kiosk locks', async () => {
    const clock = new FakeClock();
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    const view = await k.app.breakGlass.openFor({
      accountId: '111111111111', reason: 'Quarterly root sign-in drill', vaultDevicePath: k.sticks.vault1, seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: SECOND_CUSTODIAN,
    });
    clock.advanceMinutes(6);
    expect(k.app.session.status().lockedForIdle).toBe(true);
    expect(k.app.breakGlass.openCount).toBe(0);
    registerAndSignIn(k.app, 'Dana Whitfield');
    expect(() => k.app.breakGlass.code(view.sessionId)).toThrow(expect.objectContaining({ code: 'BREAK_GLASS_CLOSED' }));
  });

  it('closes a break-glass after five minutes without input, even while its code is being refreshed', async () => {
    const clock = new FakeClock();
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    k.app.session.setIdleLockMinutes(15);
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    const view = await k.app.breakGlass.openFor({
      accountId: '111111111111', reason: 'Support case needs root sign-in', vaultDevicePath: k.sticks.vault1, seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor',
    });
    for (let second = 0; second < 299; second += 1) {
      clock.advanceSeconds(1);
      k.app.breakGlass.code(view.sessionId);
    }
    clock.advanceSeconds(1);
    expect(() => k.app.breakGlass.code(view.sessionId)).toThrow(expect.objectContaining({ code: 'BREAK_GLASS_CLOSED' }));
    expect(k.app.catalog.audit.head()).toMatchObject({ action: 'breakglass.closed', details: { how: 'five minutes without input' } });
  });

  it('copies the password to the clipboard and clears it after 30 seconds', async () => {
    let held = '';
    const clipboard = { writeText: (t: string) => void (held = t), readText: () => held, clear: () => void (held = '') };
    const k = await custodyKiosk({ clipboard });
    cleanup = k.cleanup;
    const e = k.app.enrolment.start('111111111111');
    const password = k.app.enrolment.revealPassword(e.enrolmentId);
    k.app.enrolment.setSeed(e.enrolmentId, SEED_A);
    k.app.enrolment.confirmAwsAccepted(e.enrolmentId);
    await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    const view = await k.app.breakGlass.openFor({
      accountId: '111111111111', reason: 'Root needed to change the support plan', vaultDevicePath: k.sticks.vault1, seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor',
    });
    vi.useFakeTimers();
    try {
      expect(k.app.breakGlass.copyPassword(view.sessionId)).toEqual({ clearsAfterMs: 30_000 });
      expect(held).toBe(password);
      await vi.advanceTimersByTimeAsync(29_000);
      expect(held).toBe(password);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(held).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });

  it('falls back to the newest older generation kept on the stick when the current file is damaged, and says so', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    await enrolAndWrite(k.app, [['222222222222', SEED_B]]);
    const { truncateSync } = await import('node:fs');
    truncateSync(join(k.sticks.vault1, 'STRONGROOM', 'vault.kdbx'), 500);
    const view = await k.app.breakGlass.openFor({
      accountId: '111111111111', reason: 'Stick damaged during the last write', vaultDevicePath: k.sticks.vault1, seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor',
    });
    expect(view.vaultGeneration).toBe(1);
    expect(view.seedGeneration).toBe(2);
    expect(view.warnings.join(' ')).toContain('an older generation (vault.g1.kdbx, generation 1) was opened');
    // The account added in generation 2 is not in generation 1: break-glass says so instead of guessing.
    await expect(
      k.app.breakGlass.openFor({
        accountId: '222222222222', reason: 'Stick damaged during the last write', vaultDevicePath: k.sticks.vault1, seedDevicePath: k.sticks.seed1,
        vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor',
      }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_IN_ARTEFACT' });
  });
});
