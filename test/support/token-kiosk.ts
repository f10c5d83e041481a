import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { TEST_KDF } from './custody-fixture';
import { FakeClock } from './fake-clock';
import { FakeHidPort } from './fake-hid';
import { PracticeMedia } from './practice-media';
import { makeTempHome } from './temp-home';
import { registerAndSignIn } from './custodians';

/** A signed-in kiosk with the fake HID port and three accounts, for the token inventory's tests; its clock starts at `start`. */
export function tokenKiosk(start?: Date) {
  const { home, remove } = makeTempHome();
  const practice = new PracticeMedia();
  const hid = new FakeHidPort();
  const clock = new FakeClock(start);
  const app = new StrongroomApp({ home, media: practice.platform, env: {}, kdf: TEST_KDF, clock, network: isolatedNetworkProbe, hid, tokenDetection: { pollMs: 50 } });
  registerAndSignIn(app, 'Dana Whitfield');
  app.accounts.add({ accountId: '111111111111', name: 'prod-payments', rootEmail: 'aws+payments@example.com' });
  app.accounts.add({ accountId: '222222222222', name: 'prod-data', rootEmail: 'aws+data@example.com' });
  app.accounts.add({ accountId: '333333333333', name: 'legal-hold', rootEmail: 'aws+legal@example.com', mfa: { kind: 'hardware' } });
  return { app, hid, clock, home, cleanup: () => (app.close(), remove(), practice.cleanup()) };
}
