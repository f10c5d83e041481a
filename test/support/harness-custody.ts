import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { enrolAndWrite, stockCustody, TEST_KDF } from './custody-fixture';
import { registerAndSignIn } from './custodians';
import { HarnessProcess } from './e2e';
import { PracticeMedia } from './practice-media';
import { makeTempHome } from './temp-home';

/** The first custodian of the harnessed kiosk; any other custodian is registered through the window. */
export const HARNESS_CUSTODIAN = 'Dana Whitfield';

/**
 * A kiosk as `npm run harness` finds it: two accounts enrolled and written on two vault and two seed sticks
 * (practice folders), recorded out of band on a catalog the harness process then opens on its own. Nothing is
 * shared with the test's process but those folders, so the window is the only way in.
 */
export async function startHarnessOnCustody() {
  const temp = makeTempHome();
  const practice = new PracticeMedia();
  const setup = new StrongroomApp({ home: temp.home, media: practice.platform, env: {}, kdf: TEST_KDF, network: isolatedNetworkProbe });
  let sticks: Awaited<ReturnType<typeof stockCustody>>;
  try {
    registerAndSignIn(setup, HARNESS_CUSTODIAN);
    sticks = await stockCustody(setup, practice);
    await enrolAndWrite(setup);
    setup.session.signOut();
  } finally {
    setup.close();
  }
  const harness = await HarnessProcess.start({ home: temp.home, mediaRoot: practice.root });
  return {
    home: temp.home,
    sticks,
    harness,
    async stop(): Promise<void> {
      await harness.stop();
      practice.cleanup();
      temp.remove();
    },
  };
}
