import { afterEach, describe, expect, it } from 'vitest';
import { custodyKiosk, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

const ORGANIZATIONS_JSON = JSON.stringify({
  Accounts: [
    { Id: '111111111111', Name: 'prod-payments-renamed', Email: 'aws+payments@example.com', Status: 'ACTIVE' },
    { Id: '333333333333', Name: 'sandbox', Email: 'aws+sandbox@example.com', Status: 'SUSPENDED' },
  ],
});

describe('accounts under custody', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('a re-import updates names but keeps what custodians recorded about custody', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    k.app.accounts.add({ accountId: '111111111111', name: 'prod-payments', rootEmail: 'aws+payments@example.com', organizationalUnit: 'Payments', mfa: { kind: 'hardware' } });
    k.app.accounts.add({ accountId: '222222222222', name: 'prod-data', rootEmail: 'aws+data@example.com', rootCredentialStatus: 'removed-centrally' });
    // A rename of an account already here is a change the custodian reviews and confirms.
    expect(() => k.app.accounts.import(ORGANIZATIONS_JSON, { skipProblemRows: false })).toThrow(expect.objectContaining({ code: 'IMPORT_NEEDS_REVIEW' }));
    const preview = k.app.accounts.preview(ORGANIZATIONS_JSON);
    const outcome = k.app.accounts.import(ORGANIZATIONS_JSON, { skipProblemRows: false, confirmedDiff: preview.diff.digest });
    expect(outcome).toMatchObject({ added: 1, updated: 1 });
    expect(k.app.accounts.get('111111111111')).toMatchObject({ name: 'prod-payments-renamed', organizationalUnit: 'Payments', mfa: { kind: 'hardware' } });
    expect(k.app.accounts.get('222222222222').rootCredentialStatus).toBe('removed-centrally');
    expect(k.app.accounts.get('333333333333').awsStatus).toBe('SUSPENDED');
    expect(k.app.catalog.audit.head()).toMatchObject({ action: 'accounts.imported', details: { added: 1, updated: 1, suspended: 1 } });
  });

  it('imports nothing while a row has a problem, unless the custodian leaves those rows out', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const csv = 'Account #,Account Name,Account Email\n444444444444,ok-account,aws+ok@example.com\n12345,short-id,aws+short@example.com\n';
    const before = k.app.accounts.list().length;
    expect(() => k.app.accounts.import(csv, { skipProblemRows: false })).toThrow(expect.objectContaining({ code: 'IMPORT_HAS_PROBLEMS' }));
    expect(k.app.accounts.list()).toHaveLength(before);
    const outcome = k.app.accounts.import(csv, { skipProblemRows: true });
    expect(outcome).toMatchObject({ added: 1, skippedLines: [3] });
  });

  it('counts the rows with problems, not the problems, and names each line once', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    // Line 2 has two problems (a short id and a bad seed), line 3 one: two rows to fix.
    const csv = 'Account #,Account Name,Account Email,MFA Seed\n12345,short-id,aws+short@example.com,not-base32!\n666666666666,bad-seed,aws+bad@example.com,***\n';
    const refusal = (() => {
      try {
        k.app.accounts.import(csv, { skipProblemRows: false });
      } catch (error) {
        return error as { code: string; message: string };
      }
      throw new Error('the import went through');
    })();
    expect(refusal.code).toBe('IMPORT_HAS_PROBLEMS');
    expect(k.app.accounts.preview(csv).parsed.problems.length).toBeGreaterThan(2);
    expect(refusal.message).toMatch(/^Nothing was imported: 2 rows have problems\. Line 2: /);
    expect(refusal.message).not.toMatch(/line \d+: Line \d+:/i);
  });

  it('enrols an account whose MFA is a hardware token: the password goes into the vault, nothing into the seed store', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    k.app.accounts.add({ accountId: '555555555555', name: 'legal-hold', rootEmail: 'aws+legal@example.com', mfa: { kind: 'hardware' } });
    const e = k.app.enrolment.start('555555555555');
    expect(e.mfa).toEqual({ kind: 'hardware', tokenSerial: 'no token registered yet' });
    const password = k.app.enrolment.revealPassword(e.enrolmentId);
    k.app.enrolment.confirmAwsAccepted(e.enrolmentId);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(report.enrolled).toEqual(['555555555555']);
    expect(report.job.generations).toEqual([
      expect.objectContaining({ role: 'vault', generation: 1, accounts: 1 }),
      expect.objectContaining({ role: 'seed', generation: 1, accounts: 0 }),
    ]);

    const { openVaultFile } = await import('../../src-main/artefacts/vault-file');
    const { protect } = await import('../../src-main/artefacts/strongroom-kdbx');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const vault = await openVaultFile(readFileSync(join(k.sticks.vault1, 'STRONGROOM', 'vault.kdbx')), protect(VAULT_PASSPHRASE));
    expect(vault.entries[0]?.password.getText()).toBe(password);

    const run = k.app.verification.startRun();
    const seal = { sealSerial: null, bagIntact: 'yes', locationConfirmed: 'yes' } as const;
    const seedCheck = await k.app.verification.verifyMedium(run.runId, k.sticks.seed1, SEED_PASSPHRASE, seal);
    expect(seedCheck.checks.find((c) => c.name === 'Account set')?.passed).toBe(true);
  });
});
