/**
 * app/: the use cases, one desk per job (enrol, rotate, write media, print, verify, break glass, tokens,
 * reconcile, audit), composed here into the one StrongroomApp that the window's handlers and the CLI both drive.
 * One module (stick-artefacts) reads and writes a stick's artefacts; write jobs stage, read back and commit.
 * May import core/, contract/, artefacts/, catalog/, print/ and platform/; never electron, and no file I/O of
 * its own (no fs): files are reached only through platform/ ports such as stick-files and kiosk-files.
 */
import { join } from 'node:path';
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
import { nodeStickFiles, type StickFiles } from '../platform/stick-folder';
import { FileStickWriteLocks } from '../platform/stick-write-lock';
import { AirGapGuard } from './air-gap-guard';
import { AccountRegister } from './account-register';
import { CloudTrailDesk } from './cloudtrail-desk';
import { BreakGlassDesk } from './break-glass-desk';
import { CredentialExposures } from './credential-exposures';
import { CustodianRoster } from './custodian-roster';
import { CustodyIncidents } from './custody-incidents';
import { CustodyOverview } from './custody-overview';
import { CustodyWriter } from './custody-writer';
import { EnrolmentDesk } from './enrolment-desk';
import { KeyCardDesk } from './key-card-desk';
import { KioskSession } from './kiosk-session';
import type { StickWork } from './stick-work';
import { MasterKeys } from './master-keys';
import { MediaChangeFeed } from './media-change-feed';
import { MediaDesk } from './media-desk';
import { MediumLifecycleDesk } from './medium-lifecycle-desk';
import { MfaCodeDesk } from './mfa-code-desk';
import { PaperRestoreDesk } from './paper-restore-desk';
import { PrintDesk } from './print-desk';
import { ProgressBoard } from './progress-board';
import { RotationDesk } from './rotation-desk';
import { SeedCsvExportDesk } from './seed-csv-export-desk';
import { TokenDesk } from './token-desk';
import { TokenDetectionFeed, type TokenDetectionOptions } from './token-detection-feed';
import { StickArtefacts } from './stick-artefacts';
import { VerificationDesk } from './verification-desk';
import { reportsFolder, VerificationReports } from './verification-reports';
import { WriteJobs, type WriteJobReport } from './write-jobs';

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
  /** The file operations on a stick's STRONGROOM folder; tests wrap it to pull a stick at an exact step. */
  readonly stickFiles?: StickFiles;
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
  readonly custodians: CustodianRoster;
  readonly incidents: CustodyIncidents;
  readonly exposures: CredentialExposures;
  readonly keys: MasterKeys;
  readonly keyCards: KeyCardDesk;
  readonly mfaCode: MfaCodeDesk;
  readonly airGap: AirGapGuard;
  readonly progress = new ProgressBoard();
  readonly sticks: StickArtefacts;
  readonly media: MediaDesk;
  readonly mediaFeed: MediaChangeFeed;
  readonly accounts: AccountRegister;
  readonly writeJobs: WriteJobs;
  readonly custodyWriter: CustodyWriter;
  readonly enrolment: EnrolmentDesk;
  readonly rotation: RotationDesk;
  readonly mediumLifecycle: MediumLifecycleDesk;
  readonly overview: CustodyOverview;
  readonly breakGlass: BreakGlassDesk;
  readonly verification: VerificationDesk;
  readonly verificationReports: VerificationReports;
  readonly seedCsvExport: SeedCsvExportDesk;
  readonly print: PrintDesk;
  /** Re-enrolment from a paper seed backup, typed back line by line. */
  readonly paperRestore: PaperRestoreDesk;
  readonly cloudTrail: CloudTrailDesk;
  readonly tokens: TokenDesk;
  readonly tokenFeed: TokenDetectionFeed;
  readonly kdf: KdfParameters;
  readonly random: Random;
  /** Practice mode: simulated media; every audit event says so. */
  readonly practiceMode: boolean;
  /** The writes found cut off when this app opened the catalog, once settled. */
  readonly cutOffAtStart: Promise<WriteJobReport[]>;

  constructor(options: AppOptions) {
    this.home = options.home;
    this.catalog = Catalog.open(options.home);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? nodeCryptoRandom;
    this.kdf = options.kdf ?? DEFAULT_KDF_PARAMETERS;
    const platform = options.media ?? createMediaPlatform(options.env ?? process.env);
    this.practiceMode = platform.drives.implementation === 'simulated';
    this.session = new KioskSession(this.catalog, this.clock, { practiceMode: this.practiceMode });
    this.custodians = new CustodianRoster(this.catalog, this.session, this.clock);
    this.incidents = new CustodyIncidents(this.catalog, this.session, this.clock);
    this.exposures = new CredentialExposures(this.catalog, this.session, this.clock);
    this.keys = new MasterKeys(this.catalog, this.session, this.clock, this.random);
    this.airGap = new AirGapGuard(options.network ?? osNetworkProbe, this.session);
    this.sticks = new StickArtefacts(this.catalog, options.stickFiles ?? nodeStickFiles, this.clock, new FileStickWriteLocks(join(options.home, 'stick-locks')));
    this.media = new MediaDesk(this.catalog, this.session, this.clock, platform, this.sticks);
    this.mediaFeed = new MediaChangeFeed(platform.watcher, () => this.catalog.changesByOtherProcesses());
    // A label, a write or a witnessed read changes what a stick holds without a drive coming or going.
    this.sticks.onWritten(() => this.mediaFeed.bump());
    this.accounts = new AccountRegister(this.catalog, this.session, this.clock);
    this.writeJobs = new WriteJobs(this.catalog, this.media, this.sticks, this.session, this.clock, this.progress);
    this.custodyWriter = new CustodyWriter(this.catalog, this.media, this.writeJobs, this.progress, this.airGap, this.clock, this.keys, this.kdf);
    this.enrolment = new EnrolmentDesk(this.catalog, this.accounts, this.session, this.custodyWriter, this.clock, this.random, this.writeJobs, this.airGap);
    this.rotation = new RotationDesk(this.catalog, this.session, this.custodyWriter, this.clock, this.random, this.writeJobs, this.exposures);
    this.mediumLifecycle = new MediumLifecycleDesk(this.catalog, this.session, this.media, this.writeJobs, this.custodyWriter, this.clock);
    this.tokenFeed = new TokenDetectionFeed(new HidTokenDetector(options.hid ?? new NodeHidPort(), this.random), options.tokenDetection);
    this.tokens = new TokenDesk(this.catalog, this.session, this.clock, this.tokenFeed);
    const controls = { roster: this.custodians, incidents: this.incidents, exposures: this.exposures, keys: this.keys };
    this.breakGlass = new BreakGlassDesk(this.catalog, this.session, this.media, this.clock, options.clipboard ?? null, this.airGap, this.progress, this.sticks, controls, this.tokens);
    this.mfaCode = new MfaCodeDesk(this.session, this.media, this.airGap, this.sticks, this.clock, controls);
    this.seedCsvExport = new SeedCsvExportDesk(this.session, this.media, this.airGap, this.sticks, this.custodians, this.keys);
    const stickWork: StickWork = { catalog: this.catalog, session: this.session, media: this.media, clock: this.clock, progress: this.progress, airGap: this.airGap, sticks: this.sticks };
    this.verification = new VerificationDesk(stickWork, this.keys, this.tokens, this.tokenFeed);
    this.paperRestore = new PaperRestoreDesk(this.session, this.accounts, this.enrolment, this.clock, this.airGap);
    this.print = new PrintDesk(
      stickWork,
      { printer: options.printer === undefined ? createPlatformPrinter() : options.printer },
      controls,
      this.paperRestore,
    );
    this.verificationReports = new VerificationReports(this.verification, this.print, options.home);
    this.keyCards = new KeyCardDesk(this.catalog, this.session, this.custodians, this.keys, this.print, this.mediumLifecycle, this.custodyWriter);
    this.cloudTrail = new CloudTrailDesk(this.catalog, this.session, this.clock, this.media, nodeCloudTrailLogReader, reportsFolder(this.home));
    this.overview = new CustodyOverview(this.catalog, this.writeJobs, this.print, this.exposures, this.clock);
    // Pending enrolments survive an idle lock or a hand-over (the custodian may be at the AWS console), not a
    // sign-out, which asks first (KioskSession.signOut) when it would lose one.
    this.session.onEnd((how, custodian) => {
      if (how === 'signed-out') this.enrolment.discardOf(custodian);
    });
    // A write another process left running (killed, power lost) is settled now, so every screen says so at once.
    // Should the catalog refuse, the next write to those sticks settles it instead.
    this.cutOffAtStart = this.writeJobs.settleCutOffAtStart().catch(() => []);
  }

  close(): void {
    this.mediaFeed.close();
    this.tokenFeed.close();
    this.catalog.close();
  }
}
