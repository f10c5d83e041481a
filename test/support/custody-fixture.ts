import type { KdfParameters } from '../../src-main/artefacts/kdbx-crypto';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import type { Clipboard } from '../../src-main/platform/clipboard';
import type { Clock } from '../../src-main/platform/clock';
import { isolatedNetworkProbe, type NetworkProbe } from '../../src-main/platform/network-probe';
import type { StickFiles } from '../../src-main/platform/stick-folder';
import { PracticeMedia } from './practice-media';
import { makeTempHome } from './temp-home';
import type { Printer } from '../../src-main/platform/printer';
import { registerAndSignIn, registerCustodians } from './custodians';

/** The custodian beside Dana for two-person control (break-glass, codes, seed backup, plaintext export). */
export const SECOND_CUSTODIAN = 'Sam Okafor';

/** Argon2 settings that keep tests fast; the real defaults are exercised in the artefact integration tests. */
export const TEST_KDF: KdfParameters = { algorithm: 'argon2id', memoryMiB: 1, iterations: 1, parallelism: 1 };

export const VAULT_PASSPHRASE = 'correct horse vault battery staple quarry';
export const SEED_PASSPHRASE = 'lantern seed orbit velvet meadow tundra';
/** An AWS-style 64-character base32 seed. */
export const SEED_A = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const SEED_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** A kiosk on practice media with a signed-in custodian, two vault sticks and two seed sticks labelled. */
export async function custodyKiosk(options: { clock?: Clock; clipboard?: Clipboard; network?: NetworkProbe; stickFiles?: StickFiles; printer?: Printer } = {}) {
  const { home, remove } = makeTempHome();
  const practice = new PracticeMedia();
  const app = new StrongroomApp({
    home,
    media: practice.platform,
    env: {},
    kdf: TEST_KDF,
    ...(options.clock ? { clock: options.clock } : {}),
    clipboard: options.clipboard ?? null,
    network: options.network ?? isolatedNetworkProbe,
    ...(options.stickFiles ? { stickFiles: options.stickFiles } : {}),
    ...(options.printer ? { printer: options.printer } : {}),
  });
  registerCustodians(app, SECOND_CUSTODIAN);
  registerAndSignIn(app, 'Dana Whitfield');
  const sticks = await stockCustody(app, practice);
  return { app, home, practice, sticks, cleanup: () => (app.close(), remove(), practice.cleanup()) };
}

/** Confirms an enrolment for each account as if AWS accepted its two codes; returns the generated passwords. */
export function confirmEnrolments(app: StrongroomApp, accounts: readonly (readonly [string, string])[]): Record<string, string> {
  const passwords: Record<string, string> = {};
  for (const [accountId, seed] of accounts) {
    const e = app.enrolment.start(accountId);
    passwords[accountId] = app.enrolment.revealPassword(e.enrolmentId);
    app.enrolment.setSeed(e.enrolmentId, seed);
    app.enrolment.confirmAwsAccepted(e.enrolmentId);
  }
  return passwords;
}

/** Enrols the accounts (by default the fixture's two) and writes every inserted vault and seed stick. */
export async function enrolAndWrite(
  app: StrongroomApp,
  accounts: readonly (readonly [string, string])[] = [['111111111111', SEED_A], ['222222222222', SEED_B]],
  media: { vaultMedia?: string[]; seedMedia?: string[] } = {},
): Promise<Record<string, string>> {
  const passwords = confirmEnrolments(app, accounts);
  await app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, ...media });
  return passwords;
}

/**
 * Two vault sticks and two seed sticks (one of each off site) labelled, and the fixture's two accounts added:
 * the state most custody tests start from.
 */
export async function stockCustody(app: StrongroomApp, practice: PracticeMedia) {
  const sticks = {
    vault1: practice.insertStick('vault-1'),
    vault2: practice.insertStick('vault-2'),
    seed1: practice.insertStick('seed-1'),
    seed2: practice.insertStick('seed-2'),
  };
  await app.media.label({ devicePath: sticks.vault1, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
  await app.media.label({ devicePath: sticks.vault2, role: 'vault', location: { kind: 'offsite', note: 'Bank' } });
  await app.media.label({ devicePath: sticks.seed1, role: 'seed', location: { kind: 'onsite', note: 'Safe 2' } });
  await app.media.label({ devicePath: sticks.seed2, role: 'seed', location: { kind: 'offsite', note: 'Bank' } });
  app.accounts.add({ accountId: '111111111111', name: 'prod-payments', rootEmail: 'aws+payments@example.com' });
  app.accounts.add({ accountId: '222222222222', name: 'prod-data', rootEmail: 'aws+data@example.com' });
  return sticks;
}
