import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailOf } from '../../src-main/app/audit-trail';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { parseCsv } from '../../src-main/core/csv';
import { ErrorCode } from '../../src-main/core/errors';
import { sha256Hex } from '../../src-main/platform/atomic-file-writer';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { MAX_PDF_ENTRIES } from '../../src-main/print/audit-export';
import { flipByteInCatalog } from '../support/catalog-tamper';
import { ensureCliBuilt, runCli } from '../support/cli';
import { custodyKiosk, enrolAndWrite, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { makeTempHome } from '../support/temp-home';
import { registerAndSignIn, registerCustodians } from '../support/custodians';

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as { code: string; message: string });

/** Every way a secret could be written: as used, lower case, and in the groups of four a paper backup shows. */
function secretForms(secret: string): string[] {
  const plain = secret.replace(/\s+/g, '');
  return [secret, secret.toLowerCase(), plain.slice(0, 16), (plain.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ')];
}

describe('exporting the audit trail', () => {
  let kiosk: Awaited<ReturnType<typeof custodyKiosk>>;
  let secrets: string[];
  let trail: ReturnType<typeof auditTrailOf>;

  beforeAll(async () => {
    kiosk = await custodyKiosk();
    const passwords = await enrolAndWrite(kiosk.app);
    // A session that used every kind of secret: generated passwords, seeds, both passphrases, a break-glass.
    const view = await kiosk.app.breakGlass.openFor({
      accountId: '111111111111',
      reason: 'Quarterly root sign-in drill',
      vaultDevicePath: kiosk.sticks.vault1,
      seedDevicePath: kiosk.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE,
      seedPassphrase: SEED_PASSPHRASE,
      vaultCustodian: 'Dana Whitfield',
      seedCustodian: 'Sam Okafor',
    });
    kiosk.app.breakGlass.revealPassword(view.sessionId);
    kiosk.app.breakGlass.close(view.sessionId);
    secrets = [...Object.values(passwords), SEED_A, SEED_B, VAULT_PASSPHRASE, SEED_PASSPHRASE].flatMap(secretForms);
    trail = auditTrailOf(kiosk.app);
  });
  afterAll(() => kiosk?.cleanup());

  it('saves the CSV in the kiosk’s reports folder, holding every entry and no secret from the session', async () => {
    const before = kiosk.app.catalog.audit.head()!;
    const exported = await trail.export({ format: 'csv', destination: { kind: 'reports' } });
    expect(exported).toMatchObject({ format: 'csv', savedOn: null, events: before.seq, chainIntact: true, chainHead: { seq: before.seq, hash: before.hash } });
    expect(exported.location).toBe(`reports/${exported.fileName}`);
    const file = join(kiosk.home, exported.location);
    const bytes = readFileSync(file);
    expect(sha256Hex(bytes)).toBe(exported.sha256);
    const text = bytes.toString('utf8');
    for (const secret of secrets) expect(text.includes(secret), `a secret is in the CSV`).toBe(false);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(before.seq + 1);
    expect(rows.map((r) => r.cells[8])).toContain('breakglass.password-revealed');
    // The export itself goes on the trail, after what it exported.
    expect(kiosk.app.catalog.audit.head()).toMatchObject({ action: 'audit.exported', subject: 'reports', details: { format: 'csv', events: before.seq, headSeq: before.seq } });
  });

  it('saves the filtered PDF on a seed stick, and pdftotext reads the chain head and that it verified', async () => {
    const exported = await trail.export({ format: 'pdf', filter: { action: 'artefact.written' }, destination: { kind: 'medium', devicePath: kiosk.sticks.seed1 } });
    expect(exported.savedOn).toBe('SEEDS-01');
    expect(exported.events).toBe(4);
    const file = join(kiosk.sticks.seed1, exported.location);
    expect(exported.location).toMatch(/^STRONGROOM\/audit-\d{8}T\d{6}Z-4-entries\.pdf$/);
    const text = pdfText(file);
    const head = exported.chainHead!;
    const short = (head.hash.slice(0, 16).toUpperCase().match(/.{4}/g) ?? []).join(' ');
    expect(text).toContain(`event ${head.seq} · ${short}`);
    expect(text).toContain(`Audit chain verified: ${head.seq} entries`);
    expect(text).toContain('PRACTICE');
    expect(text).toContain('action “Written and verified”');
    expect(text.match(/Generation \d of (vault|seeds)\.kdbx/g)).toHaveLength(4);
    expect(text).not.toContain('Custodian signed in');
    for (const secret of secrets) expect(text.includes(secret), 'a secret is in the PDF').toBe(false);
    expect(kiosk.app.catalog.audit.list({ limit: 2 }).map((e) => e.action)).toEqual(['audit.exported', 'document.saved']);
  });

  it('saves on a vault stick too, since audit entries hold no secret, and refuses an unlabelled stick', async () => {
    const onVault = await trail.export({ format: 'csv', filter: { custodian: 'Dana Whitfield' }, destination: { kind: 'medium', devicePath: kiosk.sticks.vault2 } });
    expect(onVault.savedOn).toBe('VAULT-02');
    expect(existsSync(join(kiosk.sticks.vault2, onVault.location))).toBe(true);

    const blank = kiosk.practice.insertStick('blank');
    const error = await refusal(trail.export({ format: 'csv', destination: { kind: 'medium', devicePath: blank } }));
    expect(error?.code).toBe(ErrorCode.MediumNotLabelled);
    expect(error?.message).toContain('reports folder');
    expect(existsSync(join(blank, 'STRONGROOM'))).toBe(false);
  });

  it('refuses a PDF of more entries than one holds, saying to narrow the filter or use CSV', async () => {
    const { home, remove } = makeTempHome();
    const app = new StrongroomApp({ home, env: {}, network: isolatedNetworkProbe });
    try {
      registerAndSignIn(app, 'Dana Whitfield');
      for (let i = 0; i < MAX_PDF_ENTRIES; i += 1) app.session.record({ action: 'settings.idle-lock-changed', subject: 'kiosk', details: { from: 5, to: 5 } });
      const big = auditTrailOf(app);
      const error = await refusal(big.export({ format: 'pdf', destination: { kind: 'reports' } }));
      expect(error?.code).toBe(ErrorCode.AuditExportTooLarge);
      expect(error?.message).toContain(String(MAX_PDF_ENTRIES + 1));
      const csv = await big.export({ format: 'csv', destination: { kind: 'reports' } });
      expect(csv.events).toBe(MAX_PDF_ENTRIES + 1);
      const narrowed = await big.export({ format: 'pdf', filter: { action: 'custodian.signed-in' }, destination: { kind: 'reports' } });
      expect(narrowed.events).toBe(1);
    } finally {
      app.close();
      remove();
    }
  });
});

describe('exporting a trail that was altered', () => {
  beforeAll(() => ensureCliBuilt());

  it('prints where the chain breaks on the PDF, and the CLI exits 1', () => {
    const { home, remove } = makeTempHome();
    try {
      const app = new StrongroomApp({ home, env: {}, network: isolatedNetworkProbe });
      registerCustodians(app, 'Sam Okafor');
      registerAndSignIn(app, 'Dana Whitfield');
      app.session.record({ action: 'medium.labelled', subject: 'VAULT-01', details: { role: 'vault', location: 'onsite', warnings: 0 } });
      app.session.record({ action: 'medium.labelled', subject: 'SEEDS-01', details: { role: 'seed', location: 'offsite', warnings: 0 } });
      app.close();
      flipByteInCatalog(home, 'SEEDS-01');

      const run = runCli(['--home', home, '--custodian', 'Sam Okafor', 'audit', 'export', '--format', 'pdf', '--to', 'reports', '--json']);
      expect(run.code).toBe(1);
      const exported = JSON.parse(run.stdout) as { location: string; chainIntact: boolean; events: number };
      expect(exported.chainIntact).toBe(false);
      const text = pdfText(join(home, exported.location));
      expect(text).toContain('AUDIT CHAIN BROKEN at entry 3');
      expect(text).toContain('BROKEN at event 3');
    } finally {
      remove();
    }
  });

  it('lists and exports the entries a filter shows from the command line', () => {
    const { home, remove } = makeTempHome();
    try {
      const app = new StrongroomApp({ home, env: {}, network: isolatedNetworkProbe });
      registerAndSignIn(app, 'Dana Whitfield');
      app.session.record({ action: 'artefact.write-refused', subject: 'SEEDS-01', details: { role: 'seed', artefact: 'seeds.kdbx', reasons: 'partition 1 holds vault.kdbx' } });
      app.session.record({ action: 'artefact.written', subject: 'VAULT-01', details: { role: 'vault', artefact: 'vault.kdbx', generation: 1, sha256: 'ab'.repeat(32) } });
      app.close();

      const list = runCli(['--home', home, 'audit', 'list', '--alarms']);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('[REFUSED]  Refused to write seeds.kdbx to SEEDS-01: partition 1 holds vault.kdbx.');
      expect(list.stdout).not.toContain('artefact.written');
      expect(list.stdout).toContain('1 of 3 entries match.');

      const bad = runCli(['--home', home, 'audit', 'list', '--since', '01/12/2026']);
      // An ambiguous date is refused before anything runs, naming the option and the form it takes.
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('USAGE: --since takes a UTC day such as 2026-12-01');

      const reports = join(home, 'reports');
      mkdirSync(reports, { recursive: true });
      const csv = runCli(['--home', home, '--custodian', 'Dana Whitfield', 'audit', 'export', '--format', 'csv', '--to', 'reports', '--search', 'read back']);
      expect(csv.code).toBe(0);
      expect(csv.stdout).toMatch(/^1 entries exported as CSV to reports\/audit-.*\.csv in the catalog folder .*chain verified\.$/m);
    } finally {
      remove();
    }
  });
});
