import { Catalog } from '../catalog/catalog';
import { systemClock, type Clock } from '../platform/clock';
import { KioskSession } from './kiosk-session';

export interface AppOptions {
  readonly home: string;
  readonly clock?: Clock;
  readonly practiceMode?: boolean;
}

/**
 * The use cases, composed once per process over one catalog. The Electron shell, the browser test harness and
 * the CLI all build this same object, so the three cannot disagree about what a custody action does.
 */
export class StrongroomApp {
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly session: KioskSession;
  readonly practiceMode: boolean;

  constructor(options: AppOptions) {
    this.catalog = Catalog.open(options.home);
    this.clock = options.clock ?? systemClock;
    this.practiceMode = options.practiceMode ?? false;
    this.session = new KioskSession(this.catalog, this.clock, { practiceMode: this.practiceMode });
  }

  close(): void {
    this.catalog.close();
  }
}
