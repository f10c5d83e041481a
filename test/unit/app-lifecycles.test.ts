import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSeedFile } from '../../src-main/artefacts/seed-file';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { openVaultFile } from '../../src-main/artefacts/vault-file';
import { parseSeed } from '../../src-main/core/seed';
import { confirmEnrolments, custodyKiosk, enrolAndWrite, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE, SECOND_CUSTODIAN } from '../support/custody-fixture';
import { FakeClock } from '../support/fake-clock';
import { registerAndSignIn } from '../support/custodians';

const OTHER_SEED = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPJQWEY3EMVTGO2DJNJVWY3LOOZ3XO6DZ';
const NEW_VAULT_PASSPHRASE = 'granite ferry lilac quartz anchor tundra pilgrim';
const glass = (k: Awaited<ReturnType<typeof custodyKiosk>>, accountId: string) =>
  k.app.breakGlass.openFor({
    accountId, reason: 'Root sign-in for the lifecycle test', vaultDevicePath: k.sticks.vault1, seedDevicePath: k.sticks.seed1,
    vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor',
  });

describe('account lifecycle', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('retires a closed account at the next write: kept in history, not served, not expected by verification', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const passwords = await enrolAndWrite(k.app);
    k.app.accounts.markLifecycle('222222222222', 'closed', 'Account closed on AWS after the merger');
    // Until the next write the artefacts still hold it among the live accounts; break-glass still works then.
    k.app.accounts.add({ accountId: '333333333333', name: 'prod-logs', rootEmail: 'aws+logs@example.com' });
    const report = (await (async () => {
      confirmEnrolments(k.app, [['333333333333', SEED_A]]);
      return k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    })());
    expect(report.outcomes).toEqual(expect.arrayContaining([expect.objectContaining({ accountId: '222222222222', role: 'vault', outcome: 'retired' })]));
    expect(report.job.generations.find((g) => g.role === 'vault')?.accounts).toBe(2);

    const vault = await openVaultFile(readFileSync(join(k.sticks.vault1, 'STRONGROOM', 'vault.kdbx')), protect(VAULT_PASSPHRASE));
    expect(vault.entries.map((e) => e.accountId).sort()).toEqual(['111111111111', '333333333333']);
    expect(vault.retired.map((e) => [e.accountId, e.retired?.state, e.password.getText()])).toEqual([['222222222222', 'closed', passwords['222222222222']]]);
    await expect(glass(k, '222222222222')).rejects.toMatchObject({ code: 'ACCOUNT_RETIRED' });

    const run = k.app.verification.startRun();
    const checked = await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, { sealSerial: null, bagIntact: 'yes', locationConfirmed: 'yes' });
    expect(checked.checks.find((c) => c.name === 'Account set')).toMatchObject({ passed: true });
    expect(() => k.app.enrolment.start('222222222222')).toThrow(expect.objectContaining({ code: 'ACCOUNT_RETIRED' }));

    // Marked active again, the next write serves it again.
    k.app.accounts.markLifecycle('222222222222', 'active', 'Closed by mistake, reopened');
    const rotated = await k.app.rotation.start({ accountId: '111111111111', what: 'password', reason: 'Routine rotation after the reopening', vaultPassphrase: VAULT_PASSPHRASE });
    expect(rotated.outcomes).toEqual(expect.arrayContaining([expect.objectContaining({ accountId: '222222222222', outcome: 'back-in-use' })]));
  });

  it('shows a re-import as a diff, keeps states a CSV does not state, keeps unknown AWS states verbatim, and never reads a page as the whole organisation', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const listing = (accounts: object[], nextToken?: string) => JSON.stringify({ Accounts: accounts, ...(nextToken ? { NextToken: nextToken } : {}) });
    const first = listing([
      { Id: '111111111111', Name: 'prod-payments', Email: 'aws+payments@example.com', State: 'ACTIVE', Status: 'ACTIVE' },
      { Id: '222222222222', Name: 'prod-data', Email: 'aws+data@example.com', State: 'CLOSED', Status: 'SUSPENDED' },
      { Id: '444444444444', Name: 'sandbox', Email: 'aws+sandbox@example.com', State: 'PENDING_ACTIVATION' },
    ]);
    const preview = k.app.accounts.preview(first);
    expect(preview.diff.changes.map((c) => [c.kind, c.accountId, c.lifecycle])).toEqual([
      ['status-changed', '111111111111', null],
      ['status-changed', '222222222222', 'closed'],
      ['new', '444444444444', null],
    ]);
    expect(() => k.app.accounts.import(first, { skipProblemRows: false })).toThrow(expect.objectContaining({ code: 'IMPORT_NEEDS_REVIEW' }));
    k.app.accounts.import(first, { skipProblemRows: false, confirmedDiff: preview.diff.digest });
    // State is preferred to the older Status; a value Strongroom does not know is kept as AWS wrote it.
    expect(k.app.accounts.get('222222222222')).toMatchObject({ awsStatus: 'CLOSED', lifecycle: 'closed' });
    expect(k.app.accounts.get('444444444444').awsStatus).toBe('PENDING_ACTIVATION');

    // A CSV says nothing of AWS states: a closed account stays closed.
    const csv = 'Account #,Account Name,Account Email\n222222222222,prod-data,aws+data@example.com\n';
    expect(k.app.accounts.preview(csv).diff.changes).toEqual([]);
    k.app.accounts.import(csv, { skipProblemRows: false });
    expect(k.app.accounts.get('222222222222')).toMatchObject({ awsStatus: 'CLOSED', lifecycle: 'closed' });

    // One page of a longer listing: flagged, and nobody is reported missing from it.
    const page = listing([{ Id: '111111111111', Name: 'prod-payments', Email: 'aws+payments@example.com', State: 'ACTIVE' }], 'eyJuZXh0IjoiMiJ9');
    const paged = k.app.accounts.preview(page);
    expect(paged.parsed.completeListing).toBe(false);
    expect(paged.parsed.incompleteBecause).toMatch(/one page of several/);
    expect(paged.diff.changes.filter((c) => c.kind === 'missing')).toEqual([]);
    // The whole listing without the sandbox: it is reported missing, and marked so once confirmed.
    const whole = listing([
      { Id: '111111111111', Name: 'prod-payments', Email: 'aws+payments@example.com', State: 'ACTIVE' },
      { Id: '222222222222', Name: 'prod-data', Email: 'aws+data@example.com', State: 'CLOSED' },
    ]);
    const diff = k.app.accounts.preview(whole).diff;
    expect(diff.changes.map((c) => [c.kind, c.accountId])).toEqual([['missing', '444444444444']]);
    k.app.accounts.import(whole, { skipProblemRows: false, confirmedDiff: diff.digest });
    expect(k.app.accounts.get('444444444444').lifecycle).toBe('left-organisation');
    // A confirmation of another diff than the one applying now is refused.
    expect(() => k.app.accounts.import(page.replace('prod-payments', 'renamed'), { skipProblemRows: false, confirmedDiff: diff.digest })).toThrow(expect.objectContaining({ code: 'IMPORT_NEEDS_REVIEW' }));
  });

  it('provision never changes an enrolled account, reports a differing seed by row, and skips closed accounts', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const passwords = await enrolAndWrite(k.app);
    k.app.accounts.add({ accountId: '333333333333', name: 'prod-logs', rootEmail: 'aws+logs@example.com' });
    k.app.accounts.add({ accountId: '444444444444', name: 'old-sandbox', rootEmail: 'aws+old@example.com' });
    k.app.accounts.markLifecycle('444444444444', 'closed', 'Closed on AWS last year');
    const rows = [
      { line: 2, accountId: '111111111111', seed: parseSeed(OTHER_SEED) },
      { line: 3, accountId: '222222222222', seed: parseSeed(SEED_B) },
      { line: 4, accountId: '333333333333', seed: parseSeed(SEED_A) },
      { line: 5, accountId: '444444444444', seed: parseSeed(SEED_A) },
    ];
    const result = await k.app.enrolment.provision(rows, { vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(result.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'seed-differs'],
      [3, 'already-enrolled'],
      [4, 'provisioned'],
      [5, 'skipped-retired'],
    ]);
    expect(result.rows[0]?.sentence).toBe('Line 2: account 111111111111 already enrolled; the seed in the file differs from the one kept, which was left unchanged. To change its seed, rotate it.');
    const view = await glass(k, '111111111111');
    expect(k.app.breakGlass.revealPassword(view.sessionId)).toBe(passwords['111111111111']);
    const seeds = await openSeedFile(readFileSync(join(k.sticks.seed2, 'STRONGROOM', 'seeds.kdbx')), protect(SEED_PASSPHRASE));
    expect(seeds.entries.find((e) => e.accountId === '111111111111')?.seed.base32).toBe(SEED_A);
    expect(k.app.accounts.get('333333333333').enrolledAt).not.toBeNull();

    // Nothing new in the file: nothing is written at all.
    const again = await k.app.enrolment.provision(rows.slice(0, 2), { vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(again.job?.status).toBe('nothing-to-write');
    expect(k.app.catalog.generations.newestPublished('seeds.kdbx')).toBe(2);
  });
});

describe('medium lifecycle', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('reports a stick lost without it: it stops counting, and the advice stands until the passphrase is changed', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    renameSync(k.sticks.vault2, join(k.practice.root, '.lost'));
    expect(() => k.app.mediumLifecycle.reportLost('VAULT-02', '')).toThrow(expect.objectContaining({ code: 'REASON_TOO_SHORT' }));
    const report = k.app.mediumLifecycle.reportLost('vault-02', 'Left in a taxi on the way to the bank');
    expect(report.advice).toMatch(/Change the vault master passphrase/);
    expect(report.warning).toBeNull();
    const schedule = k.app.verification.schedule();
    expect(schedule.due.map((d) => d.mediumId)).not.toContain('VAULT-02');
    expect(schedule.replicas.find((r) => r.role === 'vault')).toMatchObject({ count: 1, offsite: 0 });
    expect(k.app.overview.alerts().find((a) => a.kind === 'medium-lost')?.sentence).toMatch(/VAULT-02 was reported lost .*Change the vault master passphrase/);
    // It turns up again: it is a stranger now, refused for writing.
    renameSync(join(k.practice.root, '.lost'), k.sticks.vault2);
    const copy = await k.app.writeJobs.replicate(k.sticks.vault1, k.sticks.vault2, 'vault');
    expect(copy).toMatchObject({ status: 'refused', sticks: [expect.objectContaining({ mediumId: 'VAULT-02', errorCode: 'MEDIUM_NOT_IN_SERVICE' })] });
    expect(copy.sticks[0]?.sentence).toMatch(/^VAULT-02: This stick is VAULT-02, reported lost on .* \(Left in a taxi on the way to the bank\)\. Do not use it/);

    // The passphrase change covers every vault stick in service; the advice goes once it is done.
    await expect(
      k.app.mediumLifecycle.changePassphrase({ role: 'vault', currentPassphrase: VAULT_PASSPHRASE, newPassphrase: NEW_VAULT_PASSPHRASE, newPassphraseAgain: `${NEW_VAULT_PASSPHRASE} ` }),
    ).rejects.toMatchObject({ code: 'PASSPHRASES_DIFFER' });
    const changed = await k.app.mediumLifecycle.changePassphrase({ role: 'vault', currentPassphrase: VAULT_PASSPHRASE, newPassphrase: NEW_VAULT_PASSPHRASE, newPassphraseAgain: NEW_VAULT_PASSPHRASE });
    expect(changed.job).toMatchObject({ status: 'complete', sticks: [expect.objectContaining({ mediumId: 'VAULT-01', state: 'committed' })] });
    const bytes = readFileSync(join(k.sticks.vault1, 'STRONGROOM', 'vault.kdbx'));
    await expect(openVaultFile(bytes, protect(VAULT_PASSPHRASE))).rejects.toMatchObject({ code: 'KDBX_WRONG_PASSPHRASE' });
    expect((await openVaultFile(bytes, protect(NEW_VAULT_PASSPHRASE))).entries).toHaveLength(2);
    expect(k.app.overview.alerts().map((a) => a.kind)).not.toContain('medium-lost');
  });

  it('refuses to retire or wipe the only stick in service holding the newest generation, and replaces a stick from a twin', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]], { vaultMedia: [k.sticks.vault1] });
    await expect(k.app.mediumLifecycle.retire(k.sticks.vault1, 'VAULT-01', 'Worn out after two years')).rejects.toMatchObject({ code: 'LAST_GOOD_COPY' });
    await expect(k.app.media.wipe(k.sticks.vault1, 'VAULT-01')).rejects.toMatchObject({ code: 'LAST_GOOD_COPY' });

    const fresh = k.practice.insertStick('vault-3');
    const replaced = await k.app.mediumLifecycle.replace({ oldMediumId: 'VAULT-02', newDevicePath: fresh, reason: 'VAULT-02 fails its read test' });
    expect(replaced.replacement).toMatchObject({ mediumId: 'VAULT-03', role: 'vault', location: { kind: 'offsite', note: 'Bank' } });
    expect(replaced.replaced).toMatchObject({ lifecycle: 'replaced', replacedBy: 'VAULT-03' });
    expect(replaced.job.status).toBe('complete');
    expect(readFileSync(join(fresh, 'STRONGROOM', 'vault.kdbx')).equals(readFileSync(join(k.sticks.vault1, 'STRONGROOM', 'vault.kdbx')))).toBe(true);
    // Now VAULT-01 is no longer the only holder, so it may be retired.
    const retired = await k.app.mediumLifecycle.retire(k.sticks.vault1, 'VAULT-01', 'Worn out after two years');
    expect(retired).toMatchObject({ lifecycle: 'retired', lifecycleReason: 'retired: Worn out after two years' });
  });

  it('compares the bag serial with the seal log at verification; an unanswered check leaves the stick incomplete, never failed', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    k.app.mediumLifecycle.recordSeal('VAULT-01', 'TE-000123', 'after-write');
    expect(() => k.app.mediumLifecycle.recordSeal('VAULT-01', 'te 000123', 'resealed')).toThrow(expect.objectContaining({ code: 'SEAL_SERIAL_REUSED' }));
    const run = k.app.verification.startRun();
    const matching = await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, { sealSerial: 'te-000123', bagIntact: 'yes', locationConfirmed: 'yes', newSealSerial: 'TE-000456' });
    expect(matching.outcome).toBe('passed');
    expect(k.app.catalog.seals.latest('VAULT-01')).toMatchObject({ serial: 'TE-000456', occasion: 'after-verification', reference: run.runId });
    const swapped = await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, { sealSerial: 'TE-000123', bagIntact: 'yes', locationConfirmed: 'yes' });
    expect(swapped.outcome).toBe('failed');
    expect(swapped.checks.find((c) => c.name === 'Seal serial')?.sentence).toMatch(/does NOT match the seal logged/);
    const unanswered = await k.app.verification.verifyMedium(run.runId, k.sticks.vault2, VAULT_PASSPHRASE, { sealSerial: null, bagIntact: 'not-checked', locationConfirmed: 'yes' });
    expect(unanswered.outcome).toBe('incomplete');
    expect(unanswered.checks.filter((c) => c.status === 'not-checked').map((c) => c.name)).toEqual(['Seal serial', 'Bag intact']);
    expect(unanswered.checks.some((c) => c.status === 'failed')).toBe(false);
    // Incomplete is not passed: the stick is still due.
    expect(k.app.catalog.media.lastVerifiedAt('VAULT-02')).toBeNull();
  });
});

describe('paper backup freshness and work in progress', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('says when the newest seed generation is ahead of every printed backup', async () => {
    const printed: string[] = [];
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    expect(k.app.print.paperFreshness()).toMatchObject({ stale: true, newestPrinted: null, newestSeedGeneration: 1 });
    const { PrintDesk } = await import('../../src-main/app/print-desk');
    const desk = new PrintDesk(k.app, {
      printer: { implementation: 'test', listPrinters: async () => [{ name: 'Laser', isDefault: true }], print: async (_pdf, printer) => (printed.push(printer), { printer, jobId: '1' }) },
    }, { roster: k.app.custodians, keys: k.app.keys }, k.app.paperRestore);
    const doc = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    await desk.print(doc.documentId, 'Laser');
    expect(desk.paperFreshness()).toMatchObject({ stale: false, newestPrinted: 1 });
    await enrolAndWrite(k.app, [['222222222222', SEED_B]]);
    expect(desk.paperFreshness()).toMatchObject({ stale: true, newestPrinted: 1, newestSeedGeneration: 2, sentence: expect.stringContaining('seed generation 1, but the seed store is at generation 2') });
    expect(k.app.overview.alerts().find((a) => a.kind === 'paper-stale')).toBeDefined();
  });

  it('keeps an enrolment through an idle lock for its custodian, and asks before a sign-out loses it', async () => {
    const clock = new FakeClock();
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    const started = k.app.enrolment.start('111111111111');
    k.app.enrolment.revealPassword(started.enrolmentId);
    expect(() => k.app.session.signOut()).toThrow(expect.objectContaining({ code: 'PENDING_WORK_WOULD_BE_LOST', message: expect.stringContaining('may already be set on AWS') }));
    expect(k.app.session.status().custodian).toBe('Dana Whitfield');

    clock.advanceMinutes(6);
    const locked = k.app.session.status();
    expect(locked).toMatchObject({ custodian: null, lockedForIdle: true, heldWork: { custodian: 'Dana Whitfield', items: 1 } });
    // Someone else signs in meanwhile: the work is not theirs and stays held.
    registerAndSignIn(k.app, 'Sam Okafor');
    expect(k.app.enrolment.list()).toEqual([]);
    expect(k.app.session.signOut().custodian).toBeNull();
    registerAndSignIn(k.app, 'Dana Whitfield');
    expect(k.app.enrolment.list().map((e) => e.enrolmentId)).toEqual([started.enrolmentId]);

    k.app.session.signOut({ discardPendingWork: true });
    expect(k.app.catalog.audit.list({ limit: 3 }).map((e) => e.action)).toContain('custodian.pending-work-discarded');
    registerAndSignIn(k.app, 'Dana Whitfield');
    expect(k.app.enrolment.list()).toEqual([]);
  });
});
