import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSeed } from '../../src-main/core/seed';
import { countKeyDerivations, type CountingKeyDerivation } from '../support/counting-key-derivation';
import { confirmEnrolments, custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { openSeedFile } from '../../src-main/artefacts/seed-file';
import { openVaultFile, protect } from '../../src-main/artefacts/vault-file';
import { kdbx4HeaderFieldOf, kdfSaltOf } from '../support/kdbx-craft';

/**
 * Each key derivation is most of a second the custodian waits for. A job derives each file's key once: a file is
 * named by its KDF salt, so two derivations with one salt and one key are the same work twice. A job that opens a
 * generation and writes the next under the same passphrase keeps the salt, so the one derivation serves both.
 * Independent derivations (vault and seed store) run side by side.
 */

const SEAL = { sealSerial: 'SR-0042', bagIntact: 'yes', locationConfirmed: 'yes' } as const;
const NEW_VAULT_PASSPHRASE = 'harbour quill meadow tangent ember sprocket';
const THIRD_SEED = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPIYTEMZUGU3DOOBZMFRGGZDFMZTWQ2LK';

type Kiosk = Awaited<ReturnType<typeof custodyKiosk>>;
const fileOn = (stick: string, name: 'vault.kdbx' | 'seeds.kdbx') => readFileSync(join(stick, 'STRONGROOM', name));
const saltOn = (stick: string, name: 'vault.kdbx' | 'seeds.kdbx') => kdfSaltOf(fileOn(stick, name));

describe('one key derivation per file per job', () => {
  let k: Kiosk;
  let counter: CountingKeyDerivation;
  let restore: () => void;
  beforeEach(async () => {
    ({ counter, restore } = countKeyDerivations());
    k = await custodyKiosk();
  });
  afterEach(() => {
    k.cleanup();
    restore();
  });

  it('a first write to two vault and two seed sticks derives once per file, not once per stick, and reads nothing back by key', async () => {
    await enrolAndWrite(k.app);
    // Both replicas of a role hold the same bytes, so one derivation (the save) served both sticks.
    expect(fileOn(k.sticks.vault1, 'vault.kdbx').equals(fileOn(k.sticks.vault2, 'vault.kdbx'))).toBe(true);
    expect(fileOn(k.sticks.seed1, 'seeds.kdbx').equals(fileOn(k.sticks.seed2, 'seeds.kdbx'))).toBe(true);
    expect(counter.seen.map((d) => d.salt).sort()).toEqual([saltOn(k.sticks.vault1, 'vault.kdbx'), saltOn(k.sticks.seed1, 'seeds.kdbx')].sort());
    expect(counter.repeated()).toEqual([]);
  });

  it('a later enrolment derives exactly twice: the vault and the seed store, each once, side by side', async () => {
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    const before = { vault: saltOn(k.sticks.vault1, 'vault.kdbx'), seed: saltOn(k.sticks.seed1, 'seeds.kdbx'), vaultSeed: kdbx4HeaderFieldOf(fileOn(k.sticks.vault1, 'vault.kdbx'), 4) };
    counter.reset();
    counter.expectSideBySide(2);
    await enrolAndWrite(k.app, [['222222222222', SEED_B]]);

    // The opens derived; the saves kept each file's salt and reused the key; the write to four sticks read none back by key.
    expect(counter.seen.map((d) => d.salt).sort()).toEqual([before.vault, before.seed].sort());
    expect(counter.maxInFlight).toBe(2);
    expect(saltOn(k.sticks.vault2, 'vault.kdbx')).toBe(before.vault);
    expect(saltOn(k.sticks.seed2, 'seeds.kdbx')).toBe(before.seed);
    expect(kdbx4HeaderFieldOf(fileOn(k.sticks.vault2, 'vault.kdbx'), 4)).not.toBe(before.vaultSeed);
    const reopened = await openVaultFile(fileOn(k.sticks.vault1, 'vault.kdbx'), protect(VAULT_PASSPHRASE));
    expect(reopened.entries.map((e) => e.accountId).sort()).toEqual(['111111111111', '222222222222']);
    expect((await openSeedFile(fileOn(k.sticks.seed2, 'seeds.kdbx'), protect(SEED_PASSPHRASE))).entries).toHaveLength(2);
  });

  it('a rotation started and confirmed derives the vault key once per job', async () => {
    await enrolAndWrite(k.app);
    const enrolled = saltOn(k.sticks.vault1, 'vault.kdbx');
    counter.reset();
    await k.app.rotation.start({ accountId: '111111111111', what: 'password', reason: 'Quarterly rotation of root passwords', vaultPassphrase: VAULT_PASSPHRASE });
    // One role only: the generation it opens, whose key serves the one it writes.
    expect(counter.seen.map((d) => d.salt)).toEqual([enrolled]);
    expect(saltOn(k.sticks.vault1, 'vault.kdbx')).toBe(enrolled);
    counter.reset();
    // The confirmation is a job of its own: no memo outlives a job, so it derives again, once.
    await k.app.rotation.confirm('111111111111', { vaultPassphrase: VAULT_PASSPHRASE });
    expect(counter.seen.map((d) => d.salt)).toEqual([enrolled]);
    expect(counter.repeated()).toEqual([]);
  });

  it('a passphrase change derives the old key once and the new key once, under a fresh salt', async () => {
    await enrolAndWrite(k.app);
    const old = saltOn(k.sticks.vault1, 'vault.kdbx');
    counter.reset();
    const changed = await k.app.mediumLifecycle.changePassphrase({ role: 'vault', currentPassphrase: VAULT_PASSPHRASE, newPassphrase: NEW_VAULT_PASSPHRASE, newPassphraseAgain: NEW_VAULT_PASSPHRASE });
    expect(changed.job.status).toBe('complete');
    const renewed = saltOn(k.sticks.vault1, 'vault.kdbx');
    expect(renewed).not.toBe(old);
    expect(counter.seen.map((d) => d.salt)).toEqual([old, renewed]);
    await expect(openVaultFile(fileOn(k.sticks.vault2, 'vault.kdbx'), protect(VAULT_PASSPHRASE))).rejects.toMatchObject({ code: 'KDBX_WRONG_PASSPHRASE' });
    expect((await openVaultFile(fileOn(k.sticks.vault2, 'vault.kdbx'), protect(NEW_VAULT_PASSPHRASE))).entries.length).toBeGreaterThan(0);
  });

  it('replicating a stick copies bytes and derives nothing', async () => {
    await enrolAndWrite(k.app);
    k.app.accounts.add({ accountId: '333333333333', name: 'prod-logs', rootEmail: 'aws+logs@example.com' });
    confirmEnrolments(k.app, [['333333333333', THIRD_SEED]]);
    await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultMedia: [k.sticks.vault1], seedMedia: [k.sticks.seed1] });
    counter.reset();
    const copy = await k.app.writeJobs.replicate(k.sticks.vault1, k.sticks.vault2, 'vault');
    expect(copy.status).toBe('complete');
    expect(counter.seen).toEqual([]);
  });

  it('provision derives each file it opens or writes once, however many rows it has', async () => {
    await enrolAndWrite(k.app);
    for (const id of ['333333333333', '444444444444', '555555555555']) k.app.accounts.add({ accountId: id, name: `acct-${id.slice(0, 3)}`, rootEmail: `aws+${id}@example.com` });
    counter.reset();
    const rows = ['333333333333', '444444444444', '555555555555'].map((accountId, i) => ({ line: i + 2, accountId, seed: parseSeed(THIRD_SEED) }));
    const result = await k.app.enrolment.provision(rows, { vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(result.rows.map((r) => r.outcome)).toEqual(['provisioned', 'provisioned', 'provisioned']);
    // The vault and the seed store, each opened once; the saves reuse those keys.
    expect(counter.seen).toHaveLength(2);
    expect(counter.repeated()).toEqual([]);
  });

  it('a break-glass derives the vault key and the seed key once each, side by side', async () => {
    await enrolAndWrite(k.app);
    counter.reset();
    counter.expectSideBySide(2);
    const view = await k.app.breakGlass.openFor({
      accountId: '111111111111',
      reason: 'Billing contact change needs root',
      vaultDevicePath: k.sticks.vault1,
      seedDevicePath: k.sticks.seed2,
      vaultPassphrase: VAULT_PASSPHRASE,
      seedPassphrase: SEED_PASSPHRASE,
      vaultCustodian: 'Dana Whitfield',
      seedCustodian: SECOND_CUSTODIAN,
    });
    expect(view.hasCode).toBe(true);
    expect(counter.seen.map((d) => d.salt).sort()).toEqual([saltOn(k.sticks.vault1, 'vault.kdbx'), saltOn(k.sticks.seed2, 'seeds.kdbx')].sort());
    expect(counter.maxInFlight).toBe(2);
  });

  it('a break-glass with a wrong seed passphrase still names the seed half, though both halves were opened at once', async () => {
    await enrolAndWrite(k.app);
    const attempt = k.app.breakGlass.openFor({
      accountId: '111111111111',
      reason: 'Billing contact change needs root',
      vaultDevicePath: k.sticks.vault1,
      seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE,
      seedPassphrase: 'not the seed passphrase at all, sorry',
      vaultCustodian: 'Dana Whitfield',
      seedCustodian: SECOND_CUSTODIAN,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'KDBX_WRONG_PASSPHRASE', details: { half: 'seed' } });
  });

  it('verifying four sticks derives once per distinct file and passphrase, not once per stick', async () => {
    await enrolAndWrite(k.app);
    for (const m of k.app.catalog.media.list()) k.app.mediumLifecycle.recordSeal(m.mediumId, 'SR-0042', 'after-write');
    counter.reset();
    const run = k.app.verification.startRun();
    for (const [stick, pass] of [[k.sticks.vault1, VAULT_PASSPHRASE], [k.sticks.vault2, VAULT_PASSPHRASE], [k.sticks.seed1, SEED_PASSPHRASE], [k.sticks.seed2, SEED_PASSPHRASE]] as const) {
      const result = await k.app.verification.verifyMedium(run.runId, stick, pass, SEAL);
      expect(result.checks.filter((c) => !c.passed), result.mediumId).toEqual([]);
    }
    expect(counter.seen.map((d) => d.salt).sort()).toEqual([saltOn(k.sticks.vault1, 'vault.kdbx'), saltOn(k.sticks.seed1, 'seeds.kdbx')].sort());
  });

  it('a byte-identical replica verified with a wrong passphrase still fails "opens with the passphrase"', async () => {
    await enrolAndWrite(k.app);
    const run = k.app.verification.startRun();
    await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, SEAL);
    counter.reset();
    const second = await k.app.verification.verifyMedium(run.runId, k.sticks.vault2, 'a wrong vault passphrase, typed in haste', SEAL);
    expect(second.checks.find((c) => c.name === 'Opens with the passphrase')).toMatchObject({ passed: false });
    // The wrong passphrase was tried on the file itself: nothing remembered vouches for it.
    expect(counter.seen).toHaveLength(1);
  });

  it('a replica whose bytes differ is opened on its own', async () => {
    await enrolAndWrite(k.app);
    const run = k.app.verification.startRun();
    await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, SEAL);
    counter.reset();
    // The same generation with one byte flipped in its encrypted body: the content check fails, and it is opened afresh.
    const path = join(k.sticks.vault2, 'STRONGROOM', 'vault.kdbx');
    const bytes = readFileSync(path);
    bytes[bytes.length - 40]! ^= 0x01;
    writeFileSync(path, bytes);
    const second = await k.app.verification.verifyMedium(run.runId, k.sticks.vault2, VAULT_PASSPHRASE, SEAL);
    expect(second.checks.find((c) => c.name === 'Content unchanged')).toMatchObject({ passed: false });
    expect(second.checks.find((c) => c.name === 'Opens with the passphrase')).toMatchObject({ passed: false });
    expect(counter.seen).toHaveLength(1);
  });

  it('the paper seed backup and the command-line code each derive the seed key once', async () => {
    await enrolAndWrite(k.app);
    counter.reset();
    await k.app.print.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    expect(counter.seen.map((d) => d.salt)).toEqual([saltOn(k.sticks.seed1, 'seeds.kdbx')]);
    counter.reset();
    await k.app.mfaCode.show({ accountId: '111111111111', seedDevicePath: k.sticks.seed2, seedPassphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN });
    expect(counter.seen.map((d) => d.salt)).toEqual([saltOn(k.sticks.seed2, 'seeds.kdbx')]);
  });
});
