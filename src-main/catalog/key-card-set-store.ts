import type { MediumRole } from '../core/custody-vocabulary';
import type { CatalogDb } from './catalog-database';

export type KeyCardRole = MediumRole;

/** The public facts of a set of key cards: which role, how many cards open it, whose they are. Never a share. */
export interface KeyCardSet {
  readonly setId: string;
  readonly role: KeyCardRole;
  readonly threshold: number;
  readonly cardCount: number;
  /** Holder of card 1, card 2, …, as printed on the cards. */
  readonly holders: readonly string[];
  /** The first generation of the role's artefact encrypted under this set's key. */
  readonly fromGeneration: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly supersededAtGeneration: number | null;
  readonly supersededAt: string | null;
}

interface Row {
  set_id: string;
  role: KeyCardRole;
  threshold: number;
  card_count: number;
  holders_json: string;
  from_generation: number;
  created_by: string;
  created_at: string;
  superseded_at_generation: number | null;
  superseded_at: string | null;
}

const toSet = (r: Row): KeyCardSet => ({
  setId: r.set_id,
  role: r.role,
  threshold: r.threshold,
  cardCount: r.card_count,
  holders: JSON.parse(r.holders_json) as string[],
  fromGeneration: r.from_generation,
  createdBy: r.created_by,
  createdAt: r.created_at,
  supersededAtGeneration: r.superseded_at_generation,
  supersededAt: r.superseded_at,
});

export class KeyCardSetStore {
  constructor(private readonly db: CatalogDb) {}

  /** The set a role's newest generation is encrypted under, or undefined when the role uses a typed passphrase. */
  inForce(role: KeyCardRole): KeyCardSet | undefined {
    const row = this.db.prepare('SELECT * FROM key_card_sets WHERE role = ? AND superseded_at IS NULL').get(role) as Row | undefined;
    return row ? toSet(row) : undefined;
  }

  get(setId: string): KeyCardSet | undefined {
    const row = this.db.prepare('SELECT * FROM key_card_sets WHERE set_id = ?').get(setId) as Row | undefined;
    return row ? toSet(row) : undefined;
  }

  all(role: KeyCardRole): KeyCardSet[] {
    return (this.db.prepare('SELECT * FROM key_card_sets WHERE role = ? ORDER BY from_generation, created_at').all(role) as Row[]).map(toSet);
  }

  /** The set in force for the role is superseded at `generation`, and `set` (if any) takes over from it. */
  replace(role: KeyCardRole, generation: number, at: string, set: Omit<KeyCardSet, 'supersededAtGeneration' | 'supersededAt'> | null): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE key_card_sets SET superseded_at_generation = ?, superseded_at = ? WHERE role = ? AND superseded_at IS NULL').run(generation, at, role);
      if (set) {
        this.db
          .prepare('INSERT INTO key_card_sets (set_id, role, threshold, card_count, holders_json, from_generation, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(set.setId, set.role, set.threshold, set.cardCount, JSON.stringify(set.holders), set.fromGeneration, set.createdBy, set.createdAt);
      }
    })();
  }
}
