import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src-main/cli/cli-command';
import { COMMANDS } from '../../src-main/cli/main';
import { PassphraseReader } from '../../src-main/cli/passphrase-input';
import { nodeStickFiles } from '../../src-main/platform/stick-folder';
import { custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

/** A practice kiosk whose sticks named in `refused` turn down their audit copy as a write-protected stick would. */
async function kioskRefusingAuditCopies() {
  const refused = new Set<string>();
  const k = await custodyKiosk({
    stickFiles: {
      ...nodeStickFiles,
      write: async (place, name, bytes) => {
        if (name === 'audit.jsonl' && [...refused].some((stick) => place.root.includes(stick))) throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
        return nodeStickFiles.write(place, name, bytes);
      },
    },
  });
  return { ...k, refused };
}

/** Runs one CLI command over the kiosk's own app, as `strongroom` would after sign-in; stdin holds the passphrases. */
async function runCommand(app: CliContext['app'], words: readonly string[], args: readonly string[], options: CliContext['options'], stdin: string) {
  const command = COMMANDS.find((c) => c.words.join(' ') === words.join(' '))!;
  let out = '';
  let err = '';
  const code = await command.run({
    app,
    io: { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) },
    json: false,
    custodian: 'Dana Whitfield',
    passphrases: new PassphraseReader(Readable.from([stdin])),
    options,
    args,
    env: {},
  });
  return { code, out, err };
}

const NOT_WITNESSED = /^VAULT-02 could not take its copy of the audit trail \(EROFS\), so it does not witness this verification/;

describe('a stick that cannot take its copy of the trail after its verification says so in its result', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    cleanup?.();
    cleanup = undefined;
  });

  it('carries the warning into the result, the run in progress, the finish and the printed report; a stick that took its copy has none', async () => {
    const k = await kioskRefusingAuditCopies();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    k.refused.add('vault-2');
    const run = k.app.verification.startRun();
    const physical = { sealSerial: null, bagIntact: 'yes', locationConfirmed: 'yes' } as const;
    const refused = await k.app.verification.verifyMedium(run.runId, k.sticks.vault2, VAULT_PASSPHRASE, physical);
    const took = await k.app.verification.verifyMedium(run.runId, k.sticks.vault1, VAULT_PASSPHRASE, physical);
    expect(refused.witnessWarnings).toEqual([expect.stringMatching(NOT_WITNESSED)]);
    expect(took.witnessWarnings).toEqual([]);
    expect([...k.app.catalog.audit.all()].filter((e) => e.action === 'medium.audit-copy-missing').map((e) => [e.subject, e.details.during])).toEqual([['VAULT-02', 'verification']]);

    const done = k.app.verification.activeRun()!.done;
    expect(Object.fromEntries(done.map((m) => [m.mediumId, m.witnessWarnings.length]))).toEqual({ 'VAULT-01': 0, 'VAULT-02': 1 });

    const report = await k.app.verification.finishRun(run.runId);
    expect(report.media.find((m) => m.mediumId === 'VAULT-02')!.witnessWarnings).toEqual(refused.witnessWarnings);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: report.pdf }).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toMatch(/Audit copy written FAILED VAULT-02 could not take its copy of the audit trail \(EROFS\)/);
    expect(text.match(/Audit copy written/g)).toHaveLength(1);
  });

  it('prints the warning in the CLI verify output', async () => {
    const k = await kioskRefusingAuditCopies();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    k.refused.add('vault-2');
    const run = await runCommand(k.app, ['verify'], [k.sticks.vault2], { 'physical-ok': true }, `${VAULT_PASSPHRASE}\n`);
    expect(run.out).toMatch(/^VAULT-02: /m);
    expect(run.err).toMatch(/^WARNING: VAULT-02 could not take its copy of the audit trail \(EROFS\), so it does not witness this verification/m);
  });

  it('prints the warnings of a plaintext seed export in the CLI', async () => {
    const k = await kioskRefusingAuditCopies();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    k.refused.add('seed-2');
    const run = await runCommand(
      k.app,
      ['export-seeds-csv'],
      [],
      { seeds: k.sticks.seed1, to: k.sticks.seed2, 'second-custodian': SECOND_CUSTODIAN, 'i-understand-plaintext': true },
      `${SEED_PASSPHRASE}\n`,
    );
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/in PLAINTEXT to .* on SEEDS-02/);
    expect(run.err).toMatch(/^WARNING: SEEDS-02 could not take its copy of the audit trail \(EROFS\), so it does not witness this plaintext seed export/m);
  });
});
