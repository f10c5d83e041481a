import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDetails, AuditEvent } from '../../src-main/core/audit-chain';
import { describeAuditEvent } from '../../src-main/core/audit-event-words';
import { matchesAuditFilter, normaliseAuditFilter, type AuditFilterRequest } from '../../src-main/core/audit-filter';
import { SqliteAuditSearch } from '../../src-main/catalog/audit-search';
import { Catalog } from '../../src-main/catalog/catalog';
import { makeTempHome } from '../support/temp-home';

const CUSTODIANS = ['Dana Whitfield', 'Sam Okafor', 'Zoë Brandt'];
const ACTIONS = ['custodian.signed-in', 'artefact.written', 'artefact.write-refused', 'medium.label-refused', 'verification.finished', 'token.registered', 'breakglass.opened', 'print.save-failed'];
const IDS = ['VAULT-01', 'VAULT-010', 'SEEDS-02', '111111111111', 'TOKEN-07', 'vr-2026-12-01-x'];
const WORDS = ['vault', 'refused', 'written', 'read back', 'partition', 'dana', 'zoë', '2026-12-02', 'seal', 'nothing'];
const DAYS = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];

/** A trail with the shapes that make filtering hard: ids inside lists, near-miss ids, offsets, device paths. */
function randomTrail(): Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>[] {
  const entry = fc.record({
    custodian: fc.constantFrom(...CUSTODIANS),
    action: fc.constantFrom(...ACTIONS),
    subject: fc.oneof(fc.constantFrom(...IDS), fc.constant('/dev/sdb'), fc.constant('kiosk')),
    minute: fc.integer({ min: 0, max: 5 * 24 * 60 - 1 }),
    offset: fc.constantFrom('Z', 'Z', 'Z', '+02:00', '-05:30'),
    details: fc.record({
      outcome: fc.constantFrom('passed', 'failed'),
      failed: fc.constantFrom('', 'SEEDS-02, VAULT-010', 'VAULT-01'),
      accounts: fc.array(fc.constantFrom(...IDS), { maxLength: 3 }),
      reasons: fc.constantFrom('partition 1 holds vault.kdbx', 'none'),
    }),
  });
  return fc.sample(entry, { numRuns: 400, seed: 20261201 }).map((e) => {
    const utc = new Date(Date.UTC(2026, 10, 30) + e.minute * 60_000);
    // Strongroom writes toISOString; a few rows carry an offset, as a row written elsewhere might.
    const at = e.offset === 'Z' ? utc.toISOString() : shifted(utc, e.offset);
    return { at, custodian: e.custodian, action: e.action, subject: e.subject, details: e.details as unknown as AuditDetails };
  });
}

function shifted(utc: Date, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(utc.getTime() + sign * (h * 60 + m) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

const filters: fc.Arbitrary<AuditFilterRequest> = fc.record(
  {
    custodian: fc.constantFrom(...CUSTODIANS),
    action: fc.constantFrom(...ACTIONS),
    subject: fc.constantFrom(...IDS, ...IDS.map((id) => id.toLowerCase()), '/dev/sdb'),
    fromDay: fc.constantFrom(...DAYS),
    toDay: fc.constantFrom(...DAYS),
    text: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')),
    alarmsOnly: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('searching the audit trail in the catalog', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let catalog: Catalog;
  let search: SqliteAuditSearch;
  let all: AuditEvent[];
  const describe_ = (e: AuditEvent) => describeAuditEvent(e);

  beforeAll(() => {
    temp = makeTempHome();
    catalog = Catalog.open(temp.home);
    for (const entry of randomTrail()) catalog.audit.append(entry);
    search = new SqliteAuditSearch(catalog.db);
    all = [...catalog.audit.all()];
  });
  afterAll(() => {
    catalog.close();
    temp.remove();
  });

  const expected = (request: AuditFilterRequest) => {
    const filter = normaliseAuditFilter(request);
    return all.filter((e) => matchesAuditFilter(e, filter, () => describeAuditEvent(e)));
  };

  it('returns exactly what the core filter decides, page by page, newest first, for any filter', () => {
    fc.assert(
      fc.property(filters, fc.integer({ min: 1, max: 40 }), (request, limit) => {
        if (request.fromDay && request.toDay && request.fromDay > request.toDay) return;
        const filter = normaliseAuditFilter(request);
        const want = expected(request).map((e) => e.seq).reverse();
        const got: number[] = [];
        let before: number | undefined;
        for (;;) {
          const page = search.page(filter, { limit, beforeSeq: before }, describe_);
          expect(page.matching).toBe(want.length);
          got.push(...page.events.map((e) => e.seq));
          if (!page.hasMore) break;
          expect(page.events).toHaveLength(limit);
          before = page.events.at(-1)!.seq;
        }
        expect(got).toEqual(want);
        expect([...search.matching(filter, describe_)].map((e) => e.seq)).toEqual([...want].reverse());
      }),
      { numRuns: 150 },
    );
  });

  it('counts and lists the filter’s choices from the whole trail', () => {
    const facets = search.facets();
    expect(facets.total).toBe(all.length);
    expect(facets.custodians.reduce((n, c) => n + c.events, 0)).toBe(all.length);
    expect(facets.custodians.map((c) => c.name).sort()).toEqual([...new Set(all.map((e) => e.custodian))].sort());
    expect(facets.actions.map((a) => a.action).sort()).toEqual([...new Set(all.map((e) => e.action))].sort());
  });

  it('finds a whole id only: VAULT-01 is not VAULT-010', () => {
    const filter = normaliseAuditFilter({ subject: 'VAULT-01' });
    const found = [...search.matching(filter, describe_)];
    expect(found.length).toBeGreaterThan(0);
    for (const event of found) {
      const text = JSON.stringify(event.details) + event.subject;
      expect(text.replace(/VAULT-010/g, '')).toContain('VAULT-01');
    }
  });
});
