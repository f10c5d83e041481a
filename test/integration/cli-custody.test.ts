import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodianCli, ensureCliBuilt, filesUnder, SECOND_CUSTODIAN } from '../support/cli';
import { SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

const hasPeers = ['keepassxc-cli', 'oathtool'].every((tool) => spawnSync('which', [tool]).status === 0);
if (!hasPeers) console.warn('Skipping CLI custody test: keepassxc-cli or oathtool is not installed.');


describe.skipIf(!hasPeers)('bulk provisioning and break-glass from the command line, checked by KeePassXC and oathtool', () => {
  let work: string;
  let home: string;
  let media: string;
  const sticks: Record<string, string> = {};

  let strongroom: ReturnType<typeof custodianCli>;
  const keepassxc = (args: string[], passphrase: string) =>
    spawnSync('keepassxc-cli', args, { input: `${passphrase}\n`, encoding: 'utf8' });

  beforeAll(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-cli-custody-'));
    home = join(work, 'home');
    media = join(work, 'media');
    strongroom = custodianCli(home, media);
    for (const name of ['vault-a', 'vault-b', 'seed-a', 'seed-b']) {
      sticks[name] = join(media, name);
      mkdirSync(sticks[name]!, { recursive: true });
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('labels sticks, provisions from a CSV, and KeePassXC and oathtool agree with Strongroom', { timeout: 180_000 }, () => {
    for (const [name, role, location] of [['vault-a', 'vault', 'onsite: Safe 1'], ['vault-b', 'vault', 'offsite: Bank'], ['seed-a', 'seed', 'onsite: Safe 2'], ['seed-b', 'seed', 'offsite: Bank']] as const) {
      const labelled = strongroom(['label', sticks[name]!, '--role', role, '--location', location]);
      expect(labelled.code, labelled.stderr).toBe(0);
    }
    const refused = strongroom(['label', sticks['vault-a']!, '--role', 'seed', '--location', 'onsite']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SEPARATION_REFUSED');

    const csv = join(work, 'accounts.csv');
    writeFileSync(csv, `Account #,Account Name,Account Email,MFA Seed\n111111111111,prod-payments,aws+payments@example.com,${SEED_A}\n222222222222,prod-data,aws+data@example.com,${SEED_B.toLowerCase()}\n`);
    const provisioned = strongroom(
      ['provision', '--accounts', csv, '--vault-media', `${sticks['vault-a']},${sticks['vault-b']}`, '--seed-media', `${sticks['seed-a']},${sticks['seed-b']}`],
      `${VAULT_PASSPHRASE}\n${SEED_PASSPHRASE}\n`,
    );
    expect(provisioned.code, provisioned.stderr).toBe(0);
    expect(provisioned.stdout).toContain('Provisioned 2 accounts');
    expect(provisioned.stdout).toContain('yours to destroy');

    const glass = strongroom(['breakglass', '--json', '--seed-custodian', SECOND_CUSTODIAN, '--account', '111111111111', '--vault', sticks['vault-b']!, '--seeds', sticks['seed-a']!, '--reason', 'Annual root sign-in drill'], `${VAULT_PASSPHRASE}\n${SEED_PASSPHRASE}\n`);
    expect(glass.code, glass.stderr).toBe(0);
    const opened = JSON.parse(glass.stdout);
    expect(opened.password).toHaveLength(40);

    // KeePassXC reads the vault Strongroom wrote and shows the same password.
    const vaultFile = join(sticks['vault-a']!, 'STRONGROOM', 'vault.kdbx');
    const listing = keepassxc(['ls', '-R', '-f', vaultFile], VAULT_PASSPHRASE);
    expect(listing.status, listing.stderr).toBe(0);
    expect(listing.stdout).toContain('prod-payments (111111111111)');
    const shown = keepassxc(['show', '-s', '-a', 'Password', '-a', 'UserName', vaultFile, 'AWS root accounts/prod-payments (111111111111)'], VAULT_PASSPHRASE);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout.trim().split('\n')).toEqual([opened.password, 'root']);

    // KeePassXC's TOTP for the seed store, oathtool and Strongroom all give the same code (retry once at a window edge).
    const seedFile = join(sticks['seed-b']!, 'STRONGROOM', 'seeds.kdbx');
    let agreed = false;
    for (let attempt = 0; attempt < 2 && !agreed; attempt += 1) {
      const ours = strongroom(['code', '--json', '--second-custodian', SECOND_CUSTODIAN, '--account', '111111111111', '--seeds', sticks['seed-b']!], `${SEED_PASSPHRASE}\n`);
      expect(ours.code, ours.stderr).toBe(0);
      const theirs = keepassxc(['show', '--totp', seedFile, 'AWS root MFA seeds/prod-payments (111111111111)'], SEED_PASSPHRASE);
      const oath = spawnSync('oathtool', ['--totp', '-b', SEED_A], { encoding: 'utf8' });
      agreed = JSON.parse(ours.stdout).code === theirs.stdout.trim() && oath.stdout.trim() === theirs.stdout.trim();
    }
    expect(agreed).toBe(true);

    // The vault has no seeds, the seed store no passwords: each opened with the other's passphrase fails.
    expect(keepassxc(['ls', vaultFile], SEED_PASSPHRASE).status).not.toBe(0);

    // Nothing secret in the kiosk's app-data folder.
    for (const file of filesUnder(home)) {
      const content = readFileSync(file);
      for (const secret of [opened.password, SEED_A, SEED_B, SEED_B.toLowerCase(), VAULT_PASSPHRASE, SEED_PASSPHRASE]) {
        expect(content.includes(Buffer.from(secret)), `secret found in ${file}`).toBe(false);
      }
    }
    // The plaintext seed table goes only onto a seed stick, and only when the custodian says they understand.
    const unacknowledged = strongroom(['export-seeds-csv', '--second-custodian', SECOND_CUSTODIAN, '--seeds', sticks['seed-a']!, '--to', sticks['seed-b']!]);
    expect(unacknowledged.stderr).toContain('CONFIRMATION_REQUIRED');
    const toVault = strongroom(['export-seeds-csv', '--second-custodian', SECOND_CUSTODIAN, '--seeds', sticks['seed-a']!, '--to', sticks['vault-a']!, '--i-understand-plaintext'], `${SEED_PASSPHRASE}\n`);
    expect(toVault.code).toBe(1);
    expect(toVault.stderr).toContain('SEPARATION_REFUSED');
    const exported = strongroom(['export-seeds-csv', '--second-custodian', SECOND_CUSTODIAN, '--seeds', sticks['seed-a']!, '--to', sticks['seed-b']!, '--i-understand-plaintext'], `${SEED_PASSPHRASE}\n`);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(join(sticks['seed-b']!, 'STRONGROOM', 'seeds-export.csv'), 'utf8')).toContain(SEED_A);

    const audit = strongroom(['audit', 'verify']);
    expect(audit.code).toBe(0);
  });
});
