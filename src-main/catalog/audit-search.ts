import type { AuditEvent } from '../core/audit-chain';
import type { DescribedAuditEvent } from '../core/audit-event-words';
import { matchesAuditFilter, type AuditFilter } from '../core/audit-filter';
import type { CatalogDb } from './catalog-database';
import { rowToEvent, type AuditRow } from './sqlite-audit-log';

export interface AuditSearchPage {
  /** Newest first. */
  readonly events: readonly AuditEvent[];
  /** How many entries of the whole trail match the filter. */
  readonly matching: number;
  /** Matching entries older than this page remain. */
  readonly hasMore: boolean;
}

export interface AuditFacets {
  readonly total: number;
  readonly custodians: readonly { readonly name: string; readonly events: number }[];
  readonly actions: readonly { readonly action: string; readonly events: number }[];
  readonly firstAt: string | null;
  readonly lastAt: string | null;
}

/** Words for an entry, computed only when a search word needs them. */
export type DescribeAuditEvent = (event: AuditEvent) => DescribedAuditEvent;

/** Searching the audit trail: one page at a time for the screen, every match in chain order for an export. */
export interface AuditSearch {
  page(filter: AuditFilter, options: { readonly limit: number; readonly beforeSeq?: number | undefined }, describe: DescribeAuditEvent): AuditSearchPage;
  matching(filter: AuditFilter, describe: DescribeAuditEvent): Iterable<AuditEvent>;
  facets(): AuditFacets;
  total(): number;
}

const DAY_MS = 86_400_000;
/** Ids the details may name and SQL may look for as text: accounts, media, tokens, runs. */
const PLAIN_ID = /^[A-Z0-9][A-Z0-9._-]*$/;

/**
 * The trail lives in SQLite and grows for years, so the screen never receives it whole. SQL narrows the rows
 * (custodian, action, a date range widened by a day either side, the subject's id as text); every row SQL
 * returns is then judged by core's matchesAuditFilter, which alone decides. SQL may only ever return more rows
 * than match, never fewer.
 */
export class SqliteAuditSearch implements AuditSearch {
  constructor(private readonly db: CatalogDb) {}

  page(filter: AuditFilter, options: { readonly limit: number; readonly beforeSeq?: number | undefined }, describe: DescribeAuditEvent): AuditSearchPage {
    const before = options.beforeSeq ?? Number.MAX_SAFE_INTEGER;
    const { where, params } = narrowing(filter);
    if (exactInSql(filter)) {
      // Custodian and action are plain equality, the same in SQL as in matchesAuditFilter: let SQLite count.
      const matching = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE ${where}`).get(params) as { n: number }).n;
      const rows = this.db
        .prepare(`SELECT * FROM audit_events WHERE ${where} AND seq < @before ORDER BY seq DESC LIMIT @limit`)
        .all({ ...params, before, limit: options.limit + 1 }) as AuditRow[];
      return { events: rows.slice(0, options.limit).map(rowToEvent), matching, hasMore: rows.length > options.limit };
    }
    const events: AuditEvent[] = [];
    let matching = 0;
    let hasMore = false;
    for (const event of this.scan(where, params, 'DESC')) {
      if (!this.matches(event, filter, describe)) continue;
      matching += 1;
      if (event.seq >= before) continue;
      if (events.length < options.limit) events.push(event);
      else hasMore = true;
    }
    return { events, matching, hasMore };
  }

  *matching(filter: AuditFilter, describe: DescribeAuditEvent): Iterable<AuditEvent> {
    const { where, params } = narrowing(filter);
    for (const event of this.scan(where, params, 'ASC')) if (this.matches(event, filter, describe)) yield event;
  }

  facets(): AuditFacets {
    const custodians = this.db.prepare('SELECT custodian AS name, COUNT(*) AS events FROM audit_events GROUP BY custodian ORDER BY custodian').all() as { name: string; events: number }[];
    const actions = this.db.prepare('SELECT action, COUNT(*) AS events FROM audit_events GROUP BY action ORDER BY action').all() as { action: string; events: number }[];
    const span = this.db.prepare('SELECT COUNT(*) AS total, MIN(at) AS firstAt, MAX(at) AS lastAt FROM audit_events').get() as { total: number; firstAt: string | null; lastAt: string | null };
    return { total: span.total, custodians, actions, firstAt: span.firstAt, lastAt: span.lastAt };
  }

  total(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
  }

  private matches(event: AuditEvent, filter: AuditFilter, describe: DescribeAuditEvent): boolean {
    return matchesAuditFilter(event, filter, () => describe(event));
  }

  private *scan(where: string, params: Record<string, string>, order: 'ASC' | 'DESC'): Iterable<AuditEvent> {
    const rows = this.db.prepare(`SELECT * FROM audit_events WHERE ${where} ORDER BY seq ${order}`).iterate(params) as IterableIterator<AuditRow>;
    for (const row of rows) yield rowToEvent(row);
  }
}

function exactInSql(filter: AuditFilter): boolean {
  return !filter.subject && !filter.fromAt && !filter.beforeAt && filter.terms.length === 0 && !filter.alarmsOnly;
}

function narrowing(filter: AuditFilter): { where: string; params: Record<string, string> } {
  const clauses = ['1 = 1'];
  const params: Record<string, string> = {};
  if (filter.custodian) {
    clauses.push('custodian = @custodian');
    params['custodian'] = filter.custodian;
  }
  if (filter.action) {
    clauses.push('action = @action');
    params['action'] = filter.action;
  }
  // `at` is compared as text; a day either side keeps any ISO 8601 offset a row might carry inside the range.
  if (filter.fromAt) {
    clauses.push('at >= @fromAt');
    params['fromAt'] = new Date(Date.parse(filter.fromAt) - DAY_MS).toISOString().slice(0, 10);
  }
  if (filter.beforeAt) {
    clauses.push('at < @beforeAt');
    params['beforeAt'] = new Date(Date.parse(filter.beforeAt) + DAY_MS).toISOString().slice(0, 10);
  }
  if (filter.subject && PLAIN_ID.test(filter.subject)) {
    clauses.push("(upper(subject) = @subject OR instr(upper(details_json), @subject) > 0)");
    params['subject'] = filter.subject;
  }
  return { where: clauses.join(' AND '), params };
}
