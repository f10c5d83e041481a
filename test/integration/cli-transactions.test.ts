import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodianCli, ensureCliBuilt, filesUnder, runCli, SECOND_CUSTODIAN } from '../support/cli';
import { SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

const hasPeers = ['keepassxc-cli', 'oathtool'].every((tool) => spawnSync('which', [tool]).status === 0);
if (!hasPeers) console.warn('Skipping CLI transaction test: keepassxc-cli or oathtool is not installed.');

const OTHER_SEED = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPJQWEY3EMVTGO2DJNJVWY3LOOZ3XO6DZ';
const NEW_DEVICE_SEED = 'KRUGS4ZANFZSAYJAORSXG5BAONSWKZBAMZXXEIDBEBXGK5ZAMRSXM2LDMU';

/** The text of each <Value> element for a key inside an XML fragment of a KeePass export, XML entities undone. */
function values(xml: string, key: string): string[] {
  const unescape = (text: string) => text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
  return [...xml.matchAll(new RegExp(`<Key>${key}</Key>\\s*<Value[^>]*>([^<]*)</Value>`, 'g'))].map((m) => unescape(m[1]!));
}

describe.skipIf(!hasPeers)('custody transactions from the command line, checked by KeePassXC', () => {
  let work: string;
  let home: string;
  let media: string;
  const sticks: Record<string, string> = {};
  let strongroom: ReturnType<typeof custodianCli>;
  const keepassxc = (args: string[], passphrase: string) => spawnSync('keepassxc-cli', args, { input: `${passphrase}\n`, encoding: 'utf8' });
  const vaultFile = (stick: string) => join(sticks[stick]!, 'STRONGROOM', 'vault.kdbx');
  const seedFile = (stick: string) => join(sticks[stick]!, 'STRONGROOM', 'seeds.kdbx');
  const breakglass = (account: string) => {
    const out = strongroom(['breakglass', '--json', '--seed-custodian', SECOND_CUSTODIAN, '--account', account, '--vault', sticks['vault-a']!, '--seeds', sticks['seed-a']!, '--reason', 'Checking the custody transaction'], `${VAULT_PASSPHRASE}\n${SEED_PASSPHRASE}\n`);
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout) as { password: string; rotation: { pendingPassword: string | null } | null };
  };

  beforeAll(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-cli-transactions-'));
    home = join(work, 'home');
    media = join(work, 'media');
    strongroom = custodianCli(home, media);
    for (const name of ['vault-a', 'vault-b', 'seed-a', 'seed-b']) {
      sticks[name] = join(media, name);
      mkdirSync(sticks[name]!, { recursive: true });
    }
    for (const [name, role, location] of [['vault-a', 'vault', 'onsite: Safe 1'], ['vault-b', 'vault', 'offsite: Bank'], ['seed-a', 'seed', 'onsite: Safe 2'], ['seed-b', 'seed', 'offsite: Bank']] as const) {
      const labelled = strongroom(['label', sticks[name]!, '--role', role, '--location', location]);
      expect(labelled.code, labelled.stderr).toBe(0);
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('re-running provision with a changed seed leaves the enrolled account exactly as it was, and reports the row', { timeout: 240_000 }, () => {
    const csv = join(work, 'accounts.csv');
    writeFileSync(csv, `Account #,Account Name,Account Email,MFA Seed\n111111111111,prod-payments,aws+payments@example.com,${SEED_A}\n222222222222,prod-data,aws+data@example.com,${SEED_B}\n`);
    const media = ['--vault-media', `${sticks['vault-a']},${sticks['vault-b']}`, '--seed-media', `${sticks['seed-a']},${sticks['seed-b']}`];
    const first = strongroom(['provision', '--accounts', csv, ...media], `${VAULT_PASSPHRASE}\n${SEED_PASSPHRASE}\n`);
    expect(first.code, first.stderr).toBe(0);
    const before = breakglass('111111111111').password;
    const otpBefore = keepassxc(['show', '-s', '-a', 'otp', seedFile('seed-b'), 'AWS root MFA seeds/prod-payments (111111111111)'], SEED_PASSPHRASE).stdout.trim();
    expect(otpBefore).toContain(`secret=${SEED_A}`);

    writeFileSync(csv, `Account #,Account Name,Account Email,MFA Seed\n111111111111,prod-payments,aws+payments@example.com,${OTHER_SEED}\n222222222222,prod-data,aws+data@example.com,${SEED_B}\n`);
    const again = strongroom(['provision', '--accounts', csv, ...media], `${VAULT_PASSPHRASE}\n${SEED_PASSPHRASE}\n`);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('Line 2: account 111111111111 already enrolled; the seed in the file differs from the one kept, which was left unchanged. To change its seed, rotate it.');
    expect(again.stderr).toContain('Line 3: account 222222222222 already enrolled; its password and seed are unchanged.');
    expect(again.stdout).toContain('Provisioned 0 accounts');

    // Break-glass and KeePassXC agree: the same password, the same seed.
    expect(breakglass('111111111111').password).toBe(before);
    const shown = keepassxc(['show', '-s', '-a', 'Password', vaultFile('vault-b'), 'AWS root accounts/prod-payments (111111111111)'], VAULT_PASSPHRASE);
    expect(shown.stdout.trim()).toBe(before);
    expect(keepassxc(['show', '-s', '-a', 'otp', seedFile('seed-a'), 'AWS root MFA seeds/prod-payments (111111111111)'], SEED_PASSPHRASE).stdout.trim()).toBe(otpBefore);
  });

  it('rotate start + confirm: break-glass gives the new password, and KeePassXC shows the old one in the entry history', { timeout: 240_000 }, () => {
    const before = breakglass('111111111111').password;
    const started = strongroom(['rotate', 'start', '--account', '111111111111', '--what', 'password', '--reason', 'Quarterly rotation of the root password'], `${VAULT_PASSPHRASE}\n`);
    expect(started.code, started.stderr).toBe(0);
    const fresh = /New root password \(pending; set it on AWS now\): (\S{40})/.exec(started.stdout)?.[1];
    expect(fresh).toBeDefined();
    // Pending: break-glass shows both, the new one to try first.
    const during = breakglass('111111111111');
    expect(during.password).toBe(before);
    expect(during.rotation?.pendingPassword).toBe(fresh);

    const confirmed = strongroom(['rotate', 'confirm', '--account', '111111111111'], `${VAULT_PASSPHRASE}\n`);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toContain('Rotation of 111111111111: confirmed.');
    expect(breakglass('111111111111').password).toBe(fresh);

    const exported = keepassxc(['export', '--format', 'xml', vaultFile('vault-b')], VAULT_PASSPHRASE);
    expect(exported.status, exported.stderr).toBe(0);
    // The entry's own fields come before its <History>, whose snapshots each hold a replaced state.
    const xml = exported.stdout;
    const titleAt = xml.indexOf('<Value>prod-payments (111111111111)</Value>');
    const historyAt = xml.indexOf('<History>', titleAt);
    expect(titleAt).toBeGreaterThan(0);
    expect(historyAt).toBeGreaterThan(titleAt);
    const current = xml.slice(xml.lastIndexOf('<Entry>', titleAt), historyAt);
    const history = xml.slice(historyAt, xml.indexOf('</History>', historyAt));
    expect(values(current, 'Password')).toEqual([fresh]);
    expect(values(history, 'Password')).toEqual([before]);
    expect(values(history, 'ReplacedBecause')).toEqual(['replaced by a rotation: Quarterly rotation of the root password']);

    // A seed rotation prints the two codes of the new device, which oathtool agrees with.
    const seed = strongroom(['rotate', 'start', '--account', '222222222222', '--what', 'seed', '--reason', 'New MFA device after a phone swap'], `${NEW_DEVICE_SEED}\n${SEED_PASSPHRASE}\n`);
    expect(seed.code, seed.stderr).toBe(0);
    const codes = /Type these two codes of the new MFA device into AWS: (\d{6}) then (\d{6})/.exec(seed.stdout);
    const oath = spawnSync('oathtool', ['--totp', '-b', '-w', '1', NEW_DEVICE_SEED], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(oath).toContain(codes?.[1]);
    const cancel = strongroom(['rotate', 'cancel', '--account', '222222222222'], `${SEED_PASSPHRASE}\n`);
    expect(cancel.code, cancel.stderr).toBe(0);
  });

  it('medium lost without the stick: due stops counting it and says what to do; replicate, wipe, accounts add and enrol work as on screen', { timeout: 240_000 }, () => {
    const lost = strongroom(['medium', 'lost', 'VAULT-02', '--reason', 'Left in a taxi on the way to the bank']);
    expect(lost.code, lost.stderr).toBe(0);
    expect(lost.stdout).toContain('Change the vault master passphrase');
    const due = runCli(['--home', home, 'due'], { env: { STRONGROOM_MEDIA_ROOT: media } });
    expect(due.code).toBe(0);
    expect(due.stdout).not.toMatch(/^VAULT-02 /m);
    expect(due.stdout).toMatch(/ACT: VAULT-02 was reported lost on .* \(Left in a taxi on the way to the bank\)\. VAULT-02 held the vault/);
    expect(due.stdout).toContain('WARNING: No vault stick is kept off site');

    // A fresh stick takes VAULT-02's place, copied from VAULT-01.
    const fresh = join(media, 'vault-c');
    mkdirSync(fresh);
    const replaced = strongroom(['medium', 'replace', 'VAULT-02', '--with', fresh, '--reason', 'Replacing the lost stick']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain('VAULT-03 replaces VAULT-02.');
    expect(readFileSync(join(fresh, 'STRONGROOM', 'vault.kdbx')).equals(readFileSync(vaultFile('vault-a')))).toBe(true);

    // One account by hand, and its enrolment, as the Accounts screen does it (stdin: seed, yes, passphrases).
    const added = strongroom(['accounts', 'add', '--id', '333333333333', '--name', 'prod-logs', '--email', 'aws+logs@example.com']);
    expect(added.code, added.stderr).toBe(0);
    const enrol = strongroom(['enrol', '--account', '333333333333'], `${OTHER_SEED}\nyes\n${VAULT_PASSPHRASE}\n${SEED_PASSPHRASE}\n`);
    expect(enrol.code, enrol.stderr).toBe(0);
    const password = /Set this as the root password on AWS: (\S{40})/.exec(enrol.stdout)?.[1];
    expect(enrol.stdout).toContain('prod-logs is enrolled.');
    expect(breakglass('333333333333').password).toBe(password);

    // The write reached every inserted stick; a copy brings a lagging one along, and a wipe is refused for the last good copy.
    const listing = strongroom(['writes', 'list']);
    expect(listing.stdout).toContain('No write is pending.');
    const copy = strongroom(['replicate', '--from', sticks['vault-a']!, '--to', fresh]);
    expect(copy.code, copy.stderr).toBe(0);
    const wipe = strongroom(['wipe', fresh, '--confirm', 'VAULT-03']);
    expect(wipe.code, wipe.stderr).toBe(0);
    expect(existsSync(join(fresh, 'STRONGROOM'))).toBe(false);
    const last = strongroom(['wipe', sticks['vault-a']!, '--confirm', 'VAULT-01']);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('LAST_GOOD_COPY');

    // Nothing secret in the kiosk's app-data folder after all of it.
    for (const file of filesUnder(home)) {
      const content = readFileSync(file);
      for (const secret of [password!, SEED_A, SEED_B, OTHER_SEED, NEW_DEVICE_SEED, VAULT_PASSPHRASE, SEED_PASSPHRASE]) {
        expect(content.includes(Buffer.from(secret)), `secret found in ${file}`).toBe(false);
      }
    }
    expect(strongroom(['audit', 'verify']).code).toBe(0);
  });
});
