import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { splitSeedIntoLines } from '../../src-main/core/seed-line-check';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { custodianCli, ensureCliBuilt, filesUnder, SECOND_CUSTODIAN } from '../support/cli';
import { SEED_A, SEED_B, SEED_PASSPHRASE, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { registerAndSignIn } from '../support/custodians';




describe('printing from the command line on practice sticks', () => {
  let work: string;
  let home: string;
  let media: string;
  let kioskDisk: string;
  const sticks: Record<string, string> = {};

  let strongroom: ReturnType<typeof custodianCli>;

  beforeAll(async () => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-cli-print-'));
    home = join(work, 'home');
    media = join(work, 'media');
    strongroom = custodianCli(home, media);
    kioskDisk = join(work, 'kiosk-disk');
    mkdirSync(kioskDisk);
    for (const name of ['vault-a', 'seed-a', 'seed-b']) {
      sticks[name] = join(media, name);
      mkdirSync(sticks[name]!, { recursive: true });
    }
    // Custody set up in-process with cheap Argon2 settings, on the same catalog and practice folders the CLI uses.
    const app = new StrongroomApp({ home, env: { STRONGROOM_MEDIA_ROOT: media }, kdf: TEST_KDF, network: isolatedNetworkProbe, printer: null });
    try {
      registerAndSignIn(app, 'Dana Whitfield');
      await app.media.label({ devicePath: sticks['vault-a']!, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
      await app.media.label({ devicePath: sticks['seed-a']!, role: 'seed', location: { kind: 'onsite', note: 'Safe 2' } });
      await app.media.label({ devicePath: sticks['seed-b']!, role: 'seed', location: { kind: 'offsite', note: 'Bank' } });
      app.accounts.add({ accountId: '111111111111', name: 'prod-payments', rootEmail: 'aws+payments@example.com' });
      app.accounts.add({ accountId: '222222222222', name: 'prod-data', rootEmail: 'aws+data@example.com' });
      for (const [id, seed] of [['111111111111', SEED_A], ['222222222222', SEED_B]] as const) {
        const e = app.enrolment.start(id);
        app.enrolment.setSeed(e.enrolmentId, seed);
        app.enrolment.confirmAwsAccepted(e.enrolmentId);
      }
      await app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
      app.session.signOut();
    } finally {
      app.close();
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('saves the paper seed backup onto a seed stick', () => {
    const out = join(sticks['seed-a']!, 'STRONGROOM', 'seed-backup-g1.pdf');
    const made = strongroom(['print', 'seed-backup', '--second-custodian', SECOND_CUSTODIAN, '--seeds', sticks['seed-a']!, '--out', out], `${SEED_PASSPHRASE}\n`);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('Saved to SEEDS-01:STRONGROOM/seed-backup-g1.pdf');
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses the seed backup on the kiosk disk and on a vault stick, with exit 1, the code and a sentence', () => {
    const onDisk = join(kioskDisk, 'seed-backup.pdf');
    const refused = strongroom(['print', 'seed-backup', '--second-custodian', SECOND_CUSTODIAN, '--seeds', sticks['seed-a']!, '--out', onDisk], `${SEED_PASSPHRASE}\n`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^SEED_DOCUMENT_OFF_MEDIUM: .* is not on a seed stick\./);
    expect(existsSync(onDisk)).toBe(false);
    expect(readdirSync(kioskDisk)).toEqual([]);

    const onVault = join(sticks['vault-a']!, 'STRONGROOM', 'seed-backup.pdf');
    const separated = strongroom(['print', 'seed-backup', '--second-custodian', SECOND_CUSTODIAN, '--seeds', sticks['seed-a']!, '--out', onVault], `${SEED_PASSPHRASE}\n`);
    expect(separated.code).toBe(1);
    expect(separated.stderr).toContain('SEPARATION_REFUSED: ');
    expect(separated.stderr).toContain('seeds never go on a vault stick');
    expect(existsSync(onVault)).toBe(false);

    const neither = strongroom(['print', 'seed-backup', '--second-custodian', SECOND_CUSTODIAN, '--seeds', sticks['seed-a']!]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/^USAGE: Give either --out FILE/);
  });

  it('sends the seed backup to lp, or says plainly that this machine cannot print', () => {
    const printed = strongroom(['print', 'seed-backup', '--second-custodian', SECOND_CUSTODIAN, '--seeds', sticks['seed-b']!, '--printer', 'No_Such_Printer'], `${SEED_PASSPHRASE}\n`);
    expect(printed.code).toBe(1);
    expect(printed.stderr).toMatch(/^(PRINTER_UNAVAILABLE|PRINT_FAILED): /);
  });

  it('writes the emergency sheet and the labels, which hold no secret, where the custodian asks', () => {
    const sheet = join(kioskDisk, 'vault-emergency-sheet.pdf');
    const made = strongroom(['print', 'emergency-sheet', '--role', 'vault', '--out', sheet, '--paper', 'LETTER', '--kept-by', 'Dana Whitfield,Ravi Chandran']);
    expect(made.code, made.stderr).toBe(0);
    expect(readFileSync(sheet).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const onStick = strongroom(['print', 'emergency-sheet', '--role', 'vault', '--out', join(sticks['vault-a']!, 'STRONGROOM', 'emergency-sheet.pdf')]);
    expect(onStick.code, onStick.stderr).toBe(0);
    expect(onStick.stdout).toContain('Saved to VAULT-01:STRONGROOM/emergency-sheet.pdf');

    const labels = join(kioskDisk, 'labels.pdf');
    expect(strongroom(['print', 'labels', '--out', labels]).code).toBe(0);
    expect(existsSync(labels)).toBe(true);
  });

  it('checks one typed paper line: exit 0 when it matches its check value, 1 naming the line when not', () => {
    const lines = splitSeedIntoLines(SEED_A);
    const line = lines[1]!;
    const good = strongroom(['restore-line', '--line', '2', '--of', '4', '--check', line.check], `${line.groups.join(' ')}\n`);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('Line 2 of 4 checks out.');
    const typo = `${line.text.slice(0, 5)}${line.text[5] === 'A' ? 'B' : 'A'}${line.text.slice(6)}`;
    const bad = strongroom(['restore-line', '--line', '2', '--of', '4', '--check', line.check], `${typo}\n`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^SEED_LINE_WRONG: Line 2 /);
    // The seed line is never taken from the command line, where shell history and npm's logs would keep it.
    const asArgument = strongroom(['restore-line', '--line', '2', '--of', '4', '--text', line.text, '--check', line.check]);
    expect(asArgument.code).toBe(2);
    expect(asArgument.stderr).toMatch(/^USAGE: --text is not an option of "strongroom restore-line"/);
    expect(asArgument.stderr).not.toContain(line.text);
  });

  it('leaves no seed on the kiosk and an intact audit trail', () => {
    for (const file of filesUnder(home)) {
      const content = readFileSync(file);
      for (const secret of [SEED_A, SEED_B, SEED_PASSPHRASE]) expect(content.includes(Buffer.from(secret)), `secret found in ${file}`).toBe(false);
    }
    expect(strongroom(['audit', 'verify']).code).toBe(0);
  });
});
