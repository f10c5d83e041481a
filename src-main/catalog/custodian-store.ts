import type { CatalogDb } from './catalog-database';

export interface Custodian {
  readonly name: string;
  readonly addedAt: string;
  readonly lastSeenAt: string | null;
  /** Who registered them; null for the first custodian of a kiosk and for names added by signing in before registration was explicit. */
  readonly registeredBy: string | null;
}

interface Row {
  name: string;
  added_at: string;
  last_seen_at: string | null;
  registered_by: string | null;
}

const toCustodian = (row: Row): Custodian => ({ name: row.name, addedAt: row.added_at, lastSeenAt: row.last_seen_at, registeredBy: row.registered_by });

export class CustodianStore {
  constructor(private readonly db: CatalogDb) {}

  list(): Custodian[] {
    return (this.db.prepare('SELECT name, added_at, last_seen_at, registered_by FROM custodians ORDER BY last_seen_at DESC NULLS LAST, name').all() as Row[]).map(toCustodian);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM custodians').get() as { n: number }).n;
  }

  /** Returns the stored spelling when the name is already known (names compare case-insensitively). */
  find(name: string): Custodian | undefined {
    const row = this.db.prepare('SELECT name, added_at, last_seen_at, registered_by FROM custodians WHERE name = ?').get(name) as Row | undefined;
    return row ? toCustodian(row) : undefined;
  }

  add(name: string, at: string, registeredBy: string | null = null): Custodian {
    this.db.prepare('INSERT INTO custodians (name, added_at, registered_by) VALUES (?, ?, ?)').run(name, at, registeredBy);
    return { name, addedAt: at, lastSeenAt: null, registeredBy };
  }

  markSeen(name: string, at: string): void {
    this.db.prepare('UPDATE custodians SET last_seen_at = ? WHERE name = ?').run(at, name);
  }
}
