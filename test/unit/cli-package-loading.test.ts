import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { ensureCliBuilt } from '../support/cli';
import { SECOND_CUSTODIAN, SEED_A, SEED_PASSPHRASE, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { registerAndSignIn, registerCustodians } from '../support/custodians';

const BIN = join(process.cwd(), 'bin', 'strongroom.js');
const HOOK = join(process.cwd(), 'test', 'support', 'module-load-log.mjs');
/** The packages a command loads only when it opens a KeePass file, computes a code or draws a card set. */
const LAZY_PACKAGES = ['kdbxweb', 'otplib', 'shamir-secret-sharing'] as const;

let work: string;
let home: string;
let media: string;

beforeAll(async () => {
  ensureCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'strongroom-package-loading-'));
  home = join(work, 'home');
  media = join(work, 'media');
  for (const stick of ['vault-a', 'seed-a']) mkdirSync(join(media, stick), { recursive: true });
  // One enrolled account on practice sticks, written in-process with cheap Argon2 settings, so a run can open its seeds.
  const app = new StrongroomApp({ home, env: { STRONGROOM_MEDIA_ROOT: media }, kdf: TEST_KDF, network: isolatedNetworkProbe, printer: null });
  try {
    registerCustodians(app, SECOND_CUSTODIAN);
    registerAndSignIn(app, 'Dana Whitfield');
    await app.media.label({ devicePath: join(media, 'vault-a'), role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    await app.media.label({ devicePath: join(media, 'seed-a'), role: 'seed', location: { kind: 'onsite', note: 'Safe 2' } });
    app.accounts.add({ accountId: '111111111111', name: 'prod-payments', rootEmail: 'aws+payments@example.com' });
    const enrolment = app.enrolment.start('111111111111');
    app.enrolment.setSeed(enrolment.enrolmentId, SEED_A);
    app.enrolment.confirmAwsAccepted(enrolment.enrolmentId);
    await app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    app.session.signOut();
  } finally {
    app.close();
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the built `strongroom` as Dana and returns its output and the packages it loaded. */
function packagesLoadedBy(name: string, args: readonly string[], input = ''): { code: number | null; stdout: string; stderr: string; packages: Set<string> } {
  const log = join(work, `${name}.log`);
  const result = spawnSync(
    process.execPath,
    // This test machine has a network interface: the air-gap override is given, as the CLI integration tests do.
    ['--import', HOOK, BIN, '--home', home, '--custodian', 'Dana Whitfield', '--allow-network', 'integration test bench', ...args],
    { input, encoding: 'utf8', env: { ...process.env, STRONGROOM_TEST_MODULE_LOG: log, STRONGROOM_MEDIA_ROOT: media } },
  );
  const packages = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n')) {
    const found = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (found) packages.add(found[1]!);
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, packages };
}

describe('the packages a strongroom command loads', () => {
  it('lists the accounts without loading kdbxweb, otplib or shamir-secret-sharing', () => {
    const list = packagesLoadedBy('accounts-list', ['accounts', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('111111111111');
    expect(list.packages.has('better-sqlite3')).toBe(true);
    for (const name of LAZY_PACKAGES) expect(list.packages.has(name), name).toBe(false);
  });

  it('shows the due dates without loading them either', () => {
    const due = packagesLoadedBy('due', ['due']);
    expect(due.code, due.stderr).toBe(0);
    for (const name of LAZY_PACKAGES) expect(due.packages.has(name), name).toBe(false);
  });

  it('still opens the seed store and prints the current code, loading kdbxweb and otplib when it needs them', () => {
    const code = packagesLoadedBy(
      'code',
      ['code', '--account', '111111111111', '--seeds', join(media, 'seed-a'), '--second-custodian', SECOND_CUSTODIAN],
      `${SEED_PASSPHRASE}\n`,
    );
    expect(code.code, code.stderr).toBe(0);
    expect(code.stdout).toMatch(/^\d{6} {2}\(\d+ s left\)$/m);
    expect(code.packages.has('kdbxweb')).toBe(true);
    expect(code.packages.has('otplib')).toBe(true);
    expect(code.packages.has('shamir-secret-sharing')).toBe(false);
  });

  it('refuses a wrong seed passphrase in the same words once kdbxweb is loaded on demand', () => {
    const wrong = packagesLoadedBy(
      'code-wrong',
      ['code', '--account', '111111111111', '--seeds', join(media, 'seed-a'), '--second-custodian', SECOND_CUSTODIAN],
      'not the seed passphrase at all\n',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^KDBX_WRONG_PASSPHRASE: That passphrase does not open this seed store\./m);
    expect(wrong.stdout).not.toMatch(/^\d{6} /m);
  });
});
