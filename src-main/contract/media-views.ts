import type { MediumRole } from '../core/custody-vocabulary';

/** The role of a stick, re-exported so the renderer names it from the contract, never spelling its own. */
export type { MediumRole };
/** What the Media screen shows about each inserted stick. No paths of secrets: only the stick's own layout. */
export interface PartitionView {
  readonly number: number;
  readonly devicePath: string;
  readonly filesystem: string | null;
  readonly label: string | null;
  readonly sizeBytes: number;
  readonly mountpoints: readonly string[];
}

export interface RoleFitness {
  readonly allowed: boolean;
  /** Why not, in sentences naming the partition and file. */
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
}

export interface MediumCardView {
  readonly devicePath: string;
  readonly model: string | null;
  readonly vendor: string | null;
  readonly sizeBytes: number;
  readonly identity: { readonly value: string; readonly source: string; readonly words: string };
  readonly transport: string;
  readonly readOnly: boolean;
  readonly practice: boolean;
  /** Set when the stick is listed only under a lab allowance (loop devices). */
  readonly allowedBy: string | null;
  readonly partitions: readonly PartitionView[];
  readonly label: {
    readonly mediumId: string;
    readonly role: MediumRole;
    readonly location: { readonly kind: 'onsite' | 'offsite'; readonly note: string };
    /** Where the stick is kept, as main words it for every screen: "on site, Safe 1". */
    readonly kept: string;
    readonly createdBy: string;
    readonly createdAt: string;
    /** The catalog knows this device as this medium (false: a copied or swapped stick). */
    readonly knownToCatalog: boolean;
  } | null;
  readonly lastWrite: { readonly artefact: string; readonly generation: number; readonly writtenAt: string; readonly writtenBy: string } | null;
  /** The generations this stick holds of its artefact, as the catalog recorded them. */
  readonly generations: readonly { readonly generation: number; readonly state: 'current' | 'history' | 'staged' }[];
  /** The serial of the bag it was last sealed in is not shown (verification compares it); only when. */
  readonly lastSealedAt: string | null;
  /** The newest generation any stick of this role holds: a lower lastWrite means this replica is behind. */
  readonly newestGeneration: number;
  readonly lastVerifiedAt: string | null;
  /**
   * The latest verification of this stick, whatever its outcome: a stick that just failed (or was left incomplete)
   * must say so on its card, not only in the Verify screen's results.
   */
  readonly lastVerification: { readonly outcome: 'passed' | 'failed' | 'incomplete'; readonly at: string; readonly unmet: readonly string[] } | null;
  readonly canTake: { readonly vault: RoleFitness; readonly seed: RoleFitness };
}

/** A stick in service of a role, by id, with where it is kept and the generation of its artefact it holds. */
export interface StickInServiceView {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly location: string;
  readonly generation: number;
}

export interface MediaOverview {
  readonly version: number;
  readonly practice: boolean;
  readonly allowances: readonly string[];
  readonly media: readonly MediumCardView[];
  /** Sticks of each role in service, by id, with where they are kept: to report one lost without inserting it. */
  readonly inService: readonly StickInServiceView[];
  /** Generations of its artefact each stick keeps, the current one included. */
  readonly keptGenerations: number;
}

export interface EjectView {
  readonly devicePath: string;
  readonly safeToRemove: boolean;
  readonly steps: readonly { readonly action: string; readonly target: string; readonly outcome: string; readonly detail: string }[];
}

export interface WriteReceiptView {
  readonly mediumId: string;
  readonly artefact: string;
  readonly generation: number;
  readonly sha256: string;
  readonly size: number;
}
