import type { CatalogDb } from './catalog-database';

export interface Custodian {
  readonly name: string;
  readonly addedAt: string;
  readonly lastSeenAt: string | null;
}

export class CustodianStore {
  constructor(private readonly db: CatalogDb) {}

  list(): Custodian[] {
    return (
      this.db
        .prepare('SELECT name, added_at, last_seen_at FROM custodians ORDER BY last_seen_at DESC NULLS LAST, name')
        .all() as { name: string; added_at: string; last_seen_at: string | null }[]
    ).map((row) => ({ name: row.name, addedAt: row.added_at, lastSeenAt: row.last_seen_at }));
  }

  /** Returns the stored spelling when the name is already known (names compare case-insensitively). */
  find(name: string): Custodian | undefined {
    const row = this.db.prepare('SELECT name, added_at, last_seen_at FROM custodians WHERE name = ?').get(name) as
      | { name: string; added_at: string; last_seen_at: string | null }
      | undefined;
    return row ? { name: row.name, addedAt: row.added_at, lastSeenAt: row.last_seen_at } : undefined;
  }

  add(name: string, at: string): Custodian {
    this.db.prepare('INSERT INTO custodians (name, added_at) VALUES (?, ?)').run(name, at);
    return { name, addedAt: at, lastSeenAt: null };
  }

  markSeen(name: string, at: string): void {
    this.db.prepare('UPDATE custodians SET last_seen_at = ? WHERE name = ?').run(at, name);
  }
}
