import { DEFAULT_KDF_PARAMETERS, type KdfParameters } from '../artefacts/kdbx-crypto';
import type { Random } from '../core/random';
import { Catalog } from '../catalog/catalog';
import type { Clipboard } from '../platform/clipboard';
import { systemClock, type Clock } from '../platform/clock';
import { nodeCryptoRandom } from '../platform/crypto-random';
import { nodeCloudTrailLogReader } from '../platform/cloudtrail-log-reader';
import type { HidPort } from '../platform/hid-port';
import { createMediaPlatform, type MediaPlatform } from '../platform/media-ports';
import { osNetworkProbe, type NetworkProbe } from '../platform/network-probe';
import { NodeHidPort } from '../platform/node-hid-port';
import { createPlatformPrinter, type Printer } from '../platform/printer';
import { HidTokenDetector } from '../platform/token-detector';
import { AirGapGuard } from './air-gap-guard';
import { AccountRegister } from './account-register';
import { CloudTrailDesk } from './cloudtrail-desk';
import { BreakGlassDesk } from './break-glass-desk';
import { CustodyWriter } from './custody-writer';
import { EnrolmentDesk } from './enrolment-desk';
import { KioskSession } from './kiosk-session';
import { MediaChangeFeed } from './media-change-feed';
import { MediaDesk } from './media-desk';
import { PrintDesk } from './print-desk';
import { ProgressBoard } from './progress-board';
import { SeedCsvExportDesk } from './seed-csv-export-desk';
import { TokenDesk } from './token-desk';
import { TokenDetectionFeed, type TokenDetectionOptions } from './token-detection-feed';
import { VerificationDesk } from './verification-desk';

export interface AppOptions {
  readonly home: string;
  readonly clock?: Clock;
  readonly random?: Random;
  /** Drive adapters; by default chosen for this OS, or practice media when STRONGROOM_MEDIA_ROOT is set. */
  readonly media?: MediaPlatform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Argon2 settings for newly written KeePass files (tests use cheap ones). */
  readonly kdf?: KdfParameters;
  readonly clipboard?: Clipboard | null;
  /** Which network interfaces are up; secret work is refused while any is (see AirGapGuard). */
  readonly network?: NetworkProbe;
  /** How documents reach paper; by default CUPS `lp` (Linux, macOS). null: this Strongroom cannot print directly. */
  readonly printer?: Printer | null;
  /** USB HID for hardware tokens; by default node-hid, loaded the first time a token is looked for. */
  readonly hid?: HidPort;
  readonly tokenDetection?: TokenDetectionOptions;
}

/**
 * The use cases, composed once per process over one catalog. The Electron shell, the browser test harness and
 * the CLI all build this same object, so the three cannot disagree about what a custody action does.
 */
export class StrongroomApp {
  readonly catalog: Catalog;
  /** The catalog folder (app data). */
  readonly home: string;
  readonly clock: Clock;
  readonly session: KioskSession;
  readonly airGap: AirGapGuard;
  readonly progress = new ProgressBoard();
  readonly media: MediaDesk;
  readonly mediaFeed: MediaChangeFeed;
  readonly accounts: AccountRegister;
  readonly custodyWriter: CustodyWriter;
  readonly enrolment: EnrolmentDesk;
  readonly breakGlass: BreakGlassDesk;
  readonly verification: VerificationDesk;
  readonly seedCsvExport: SeedCsvExportDesk;
  readonly print: PrintDesk;
  readonly cloudTrail: CloudTrailDesk;
  readonly tokens: TokenDesk;
  readonly tokenFeed: TokenDetectionFeed;
  readonly kdf: KdfParameters;
  readonly random: Random;
  /** Practice mode: simulated media; every audit event says so. */
  readonly practiceMode: boolean;

  constructor(options: AppOptions) {
    this.home = options.home;
    this.catalog = Catalog.open(options.home);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? nodeCryptoRandom;
    this.kdf = options.kdf ?? DEFAULT_KDF_PARAMETERS;
    const platform = options.media ?? createMediaPlatform(options.env ?? process.env);
    this.practiceMode = platform.drives.implementation === 'simulated';
    this.session = new KioskSession(this.catalog, this.clock, { practiceMode: this.practiceMode });
    this.airGap = new AirGapGuard(options.network ?? osNetworkProbe, this.session);
    this.media = new MediaDesk(this.catalog, this.session, this.clock, platform);
    this.mediaFeed = new MediaChangeFeed(platform.watcher);
    this.accounts = new AccountRegister(this.catalog, this.session, this.clock);
    this.custodyWriter = new CustodyWriter(this.catalog, this.media, this.progress, this.airGap, this.kdf);
    this.enrolment = new EnrolmentDesk(this.accounts, this.session, this.custodyWriter, this.clock, this.random);
    this.breakGlass = new BreakGlassDesk(this.catalog, this.session, this.media, this.clock, options.clipboard ?? null, this.airGap, this.progress);
    this.seedCsvExport = new SeedCsvExportDesk(this.session, this.media, this.airGap);
    this.verification = new VerificationDesk(this.catalog, this.session, this.media, this.clock, this.progress, this.airGap);
    this.print = new PrintDesk(this.catalog, this.session, this.media, this.accounts, this.enrolment, this.clock, this.progress, this.airGap, {
      printer: options.printer === undefined ? createPlatformPrinter() : options.printer,
    });
    this.cloudTrail = new CloudTrailDesk(this.catalog, this.session, this.clock, this.media, nodeCloudTrailLogReader);
    this.tokenFeed = new TokenDetectionFeed(new HidTokenDetector(options.hid ?? new NodeHidPort(), this.random), options.tokenDetection);
    this.tokens = new TokenDesk(this.catalog, this.session, this.clock, this.tokenFeed);
    // Pending enrolments survive an idle lock (the custodian may be at the AWS console) but not a sign-out.
    this.session.onEnd((how) => {
      if (how === 'signed-out') this.enrolment.discardAll();
    });
  }

  close(): void {
    this.mediaFeed.close();
    this.tokenFeed.close();
    this.catalog.close();
  }
}
