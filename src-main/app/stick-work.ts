import type { Catalog } from '../catalog/catalog';
import type { Clock } from '../platform/clock';
import type { AirGapGuard } from './air-gap-guard';
import type { KioskSession } from './kiosk-session';
import type { MediaDesk } from './media-desk';
import type { ProgressBoard } from './progress-board';
import type { StickArtefacts } from './stick-artefacts';

/**
 * What every desk that opens sticks on the custodian's behalf works with: the catalog, who is signed in, the
 * inserted media, the time, the progress shown on screen, the air-gap check before anything is opened, and the
 * reading of the Strongroom files on a stick. Given as one piece so each such desk is built the same way.
 */
export interface StickWork {
  readonly catalog: Catalog;
  readonly session: KioskSession;
  readonly media: MediaDesk;
  readonly clock: Clock;
  readonly progress: ProgressBoard;
  readonly airGap: AirGapGuard;
  readonly sticks: StickArtefacts;
}
