import { Catalog } from '../catalog/catalog';
import { systemClock, type Clock } from '../platform/clock';
import { createMediaPlatform, type MediaPlatform } from '../platform/media-ports';
import { KioskSession } from './kiosk-session';
import { MediaChangeFeed } from './media-change-feed';
import { MediaDesk } from './media-desk';

export interface AppOptions {
  readonly home: string;
  readonly clock?: Clock;
  /** Drive adapters; by default chosen for this OS, or practice media when STRONGROOM_MEDIA_ROOT is set. */
  readonly media?: MediaPlatform;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The use cases, composed once per process over one catalog. The Electron shell, the browser test harness and
 * the CLI all build this same object, so the three cannot disagree about what a custody action does.
 */
export class StrongroomApp {
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly session: KioskSession;
  readonly media: MediaDesk;
  readonly mediaFeed: MediaChangeFeed;
  /** Practice mode: simulated media; every audit event says so. */
  readonly practiceMode: boolean;

  constructor(options: AppOptions) {
    this.catalog = Catalog.open(options.home);
    this.clock = options.clock ?? systemClock;
    const platform = options.media ?? createMediaPlatform(options.env ?? process.env);
    this.practiceMode = platform.drives.implementation === 'simulated';
    this.session = new KioskSession(this.catalog, this.clock, { practiceMode: this.practiceMode });
    this.media = new MediaDesk(this.catalog, this.session, this.clock, platform);
    this.mediaFeed = new MediaChangeFeed(platform.watcher);
  }

  close(): void {
    this.mediaFeed.close();
    this.catalog.close();
  }
}
