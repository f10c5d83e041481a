import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { createMediaPlatform } from '../../src-main/platform/media-ports';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { nodeStickFiles, type StickFiles } from '../../src-main/platform/stick-folder';
import { confirmEnrolments, SEED_PASSPHRASE, TEST_KDF, VAULT_PASSPHRASE } from './custody-fixture';

/**
 * A second Strongroom process writing an enrolment to loop-device sticks, stopped dead at one step: before the
 * named file is written (or, for a staged file, promoted) on the stick mounted under the given folder, it says
 * "at NAME" and waits to be killed (SIGKILL), the way a kiosk losing power mid-transaction stops.
 * argv: home, step (write|promote), file name, mount folder, account id, seed.
 */
const [home, step, file, mount, accountId, seed] = process.argv.slice(2) as [string, 'write' | 'promote', string, string, string, string];
const stop = async (root: string, name: string) => {
  if (name !== file || !root.startsWith(mount)) return;
  process.stdout.write(`at ${name}\n`);
  await new Promise(() => setInterval(() => undefined, 60_000));
};
const stickFiles: StickFiles = {
  ...nodeStickFiles,
  write: async (place, name, bytes) => (step === 'write' && (await stop(place.root, name)), nodeStickFiles.write(place, name, bytes)),
  promote: async (place, names) => (step === 'promote' && (await stop(place.root, names.staged)), nodeStickFiles.promote(place, names)),
};
const app = new StrongroomApp({ home, media: createMediaPlatform({ STRONGROOM_ALLOW_LOOP_DEVICES: '1' }, 'linux'), env: {}, kdf: TEST_KDF, network: isolatedNetworkProbe, stickFiles });
app.session.signIn('Dana Whitfield');
confirmEnrolments(app, [[accountId, seed]]);
const report = await app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
process.stdout.write(`finished ${report.job.status}\n`);
app.close();
