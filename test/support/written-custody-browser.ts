import type { Browser } from 'playwright-core';
import type { AppOptions, StrongroomApp } from '../../src-main/app/strongroom-app';
import { enrolAndWrite, stockCustody, TEST_KDF } from './custody-fixture';
import { registerAndSignIn, registerCustodians } from './custodians';
import { HarnessedStrongroom, launchChromium } from './e2e';
import { PracticeMedia } from './practice-media';

/** A kiosk in a browser with the custody job written to four practice sticks. */
export interface WrittenCustody {
  readonly strongroom: HarnessedStrongroom;
  readonly browser: Browser;
  /** The practice sticks, for a test that looks at what is on them. */
  readonly practice: PracticeMedia;
  readonly stop: () => Promise<void>;
}

export interface WrittenCustodySetUp {
  /** What the kiosk is started with besides the practice sticks and the fast test KDF (a printer, stick files). */
  readonly app?: Partial<AppOptions>;
  /** Custodians registered besides Dana Whitfield, who signs in. */
  readonly others?: readonly string[];
  /** Sticks logged in a numbered bag (SEAL-<medium id>) after the write, as verification compares the bag with it. */
  readonly sealed?: readonly string[];
  /** Runs once the job is written, before the browser starts: key cards drawn, a fault turned on. */
  readonly afterWrite?: (app: StrongroomApp) => void | Promise<void>;
}

/** Dana signed in, the practice sticks labelled, two accounts enrolled and written, a browser ready. */
export async function writtenCustodyInBrowser(setUp: WrittenCustodySetUp = {}): Promise<WrittenCustody> {
  const practice = new PracticeMedia();
  const strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, ...setUp.app });
  const { app } = strongroom;
  registerCustodians(app, ...(setUp.others ?? []));
  registerAndSignIn(app, 'Dana Whitfield');
  await stockCustody(app, practice);
  await enrolAndWrite(app);
  for (const id of setUp.sealed ?? []) app.mediumLifecycle.recordSeal(id, `SEAL-${id}`, 'after-write');
  await setUp.afterWrite?.(app);
  const browser = await launchChromium();
  return {
    strongroom,
    browser,
    practice,
    stop: async () => {
      await browser.close();
      await strongroom.stop();
      practice.cleanup();
    },
  };
}
