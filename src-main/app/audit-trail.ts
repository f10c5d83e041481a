import { join } from 'node:path';
import type { AuditChainVerdict, AuditEvent } from '../core/audit-chain';
import { buildAuditCsv, type DescribedEntry } from '../core/audit-csv';
import { auditActionTitle, describeAuditEvent, isPathLike, shortDigest, type DescribedAuditEvent } from '../core/audit-event-words';
import { describeAuditFilter, normaliseAuditFilter, type AuditFilter, type AuditFilterRequest } from '../core/audit-filter';
import { mediumIdOf } from '../core/custody-vocabulary';
import { ErrorCode, StrongroomError } from '../core/errors';
import { SqliteAuditSearch, type AuditSearch } from '../catalog/audit-search';
import type { Catalog } from '../catalog/catalog';
import type { AuditChainView, AuditEntryView, AuditExportView, AuditFacetsView, AuditPage } from '../contract/audit-views';
import { sha256Hex } from '../core/sha256';
import type { Clock } from '../platform/clock';
import { saveKeptReport } from './kept-report';
import type { PaperSize } from '../print/document-inputs';
import { buildAuditExport, MAX_PDF_ENTRIES } from '../print/audit-export';
import { reportsFolder } from './verification-reports';
import type { KioskJudgement } from './audit-witness';
import type { KioskSession } from './kiosk-session';
import type { MediaDesk } from './media-desk';
import type { StrongroomApp } from './strongroom-app';

export function toAuditChainView(verdict: AuditChainVerdict): AuditChainView {
  return verdict.intact
    ? { intact: true, count: verdict.count, headHash: verdict.headHash }
    : { intact: false, count: verdict.count, firstBadSeq: verdict.firstBadSeq, explanation: verdict.explanation };
}

export type AuditExportDestination = { readonly kind: 'reports' } | { readonly kind: 'medium'; readonly devicePath: string };

export interface AuditExportRequest {
  readonly filter?: AuditFilterRequest | undefined;
  readonly format: 'csv' | 'pdf';
  readonly destination: AuditExportDestination;
  readonly paper?: PaperSize | undefined;
}

const DEFAULT_PAGE = 100;

/** How an export to the reports folder that cannot be saved is spoken of (app/kept-report). */
const EXPORT_WORDS = { report: 'The audit trail export', recorded: 'The audit trail itself is unchanged.', again: 'export again' } as const;

/**
 * The kiosk chain checked on its own, against every head remembered from sticks and reports, and against the
 * copies on the sticks named (device path, mount point or medium id): what `audit verify --against` prints.
 */
export async function verifyWitnessed(app: StrongroomApp, against: readonly string[]): Promise<KioskJudgement> {
  const copies: { mediumId: string; text: string | null }[] = [];
  for (const reference of against) {
    const medium = await app.media.locate(reference);
    const mediumId = mediumIdOf(medium);
    if (!mediumId) throw new StrongroomError(ErrorCode.MediumNotLabelled, `${reference} is not a Strongroom stick, so it holds no audit copy. Name a labelled stick.`);
    copies.push({ mediumId, text: await app.sticks.readAuditCopy(medium) });
  }
  return copies.length > 0 ? app.sticks.witness.judgeKioskAgainst(copies) : app.sticks.witness.judgeKiosk();
}

/** The desk over an app's catalog, session and media desk: the window's handlers and the CLI build it alike. */
export function auditTrailOf(app: StrongroomApp): AuditTrail {
  return new AuditTrail(app.catalog, app.session, app.media, app.clock, reportsFolder(app.home));
}

/**
 * The audit trail as custodians read it: filtered and searched in main (the trail grows for years and never
 * crosses to the window whole), each entry in words, and exported (the entries a filter shows, as CSV or PDF)
 * to a labelled stick of either role or to the kiosk's reports/ folder. Audit entries hold no secret, so any
 * labelled stick may take an export; the export itself goes on the trail.
 */
export class AuditTrail {
  private readonly search: AuditSearch;

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly clock: Clock,
    private readonly reportsFolder: string,
  ) {
    this.search = new SqliteAuditSearch(catalog.db);
  }

  page(request: { filter?: AuditFilterRequest | undefined; limit?: number | undefined; beforeSeq?: number | undefined } = {}): AuditPage {
    const filter = normaliseAuditFilter(request.filter);
    const { describe, nameOf } = this.describer();
    const page = this.search.page(filter, { limit: request.limit ?? DEFAULT_PAGE, beforeSeq: request.beforeSeq }, describe);
    return {
      events: page.events.map((event) => toEntryView(event, describe(event), nameOf(event.subject))),
      matching: page.matching,
      total: this.search.total(),
      hasMore: page.hasMore,
    };
  }

  facets(): AuditFacetsView {
    const facets = this.search.facets();
    const subjects = [
      ...this.catalog.media.list({ includeRetired: true }).map((m) => ({ id: m.mediumId, words: `${m.mediumId} — ${m.role === 'vault' ? 'vault' : 'seed'} stick` })),
      ...this.catalog.accounts.list().map((a) => ({ id: a.accountId, words: `${a.accountId} — ${a.name}` })),
      ...this.catalog.tokens.list().map((t) => ({ id: t.tokenId, words: `${t.tokenId} — ${[t.make, t.model].filter(Boolean).join(' ')}` })),
    ];
    return {
      total: facets.total,
      custodians: facets.custodians,
      actions: facets.actions.map((a) => ({ ...a, title: auditActionTitle(a.action) })).sort((a, b) => a.title.localeCompare(b.title)),
      subjects,
      firstAt: facets.firstAt,
      lastAt: facets.lastAt,
    };
  }

  verify(): AuditChainView {
    return toAuditChainView(this.catalog.audit.verify());
  }

  /** Every entry the filter shows, oldest first, with its words. */
  entries(filterRequest?: AuditFilterRequest): { filter: AuditFilter; entries: DescribedEntry[] } {
    const filter = normaliseAuditFilter(filterRequest);
    const { describe } = this.describer();
    const entries: DescribedEntry[] = [];
    for (const event of this.search.matching(filter, describe)) entries.push({ event, words: describe(event) });
    return { filter, entries };
  }

  async export(request: AuditExportRequest): Promise<AuditExportView> {
    const custodian = this.session.requireCustodian();
    const { filter, entries } = this.entries(request.filter);
    if (request.format === 'pdf' && entries.length > MAX_PDF_ENTRIES) {
      throw new StrongroomError(
        ErrorCode.AuditExportTooLarge,
        `The filter shows ${entries.length} entries; one PDF holds at most ${MAX_PDF_ENTRIES}. Nothing was exported.`,
        { entries: entries.length, max: MAX_PDF_ENTRIES },
      );
    }
    const verdict = this.catalog.audit.verify();
    const head = this.catalog.audit.head();
    const exportedAt = this.clock.now().toISOString();
    const filterWords = describeAuditFilter(filter, auditActionTitle);
    const bytes = request.format === 'csv' ? Buffer.from(buildAuditCsv(entries), 'utf8') : await this.pdf(request.paper ?? 'A4', custodian, exportedAt, filterWords, verdict, head, entries);
    const fileName = `audit-${exportedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${entries.length}-entries.${request.format}`;

    let savedOn: string | null = null;
    let location: string;
    let sha256: string;
    if (request.destination.kind === 'medium') {
      const medium = await this.media.find(request.destination.devicePath);
      const role = medium.manifest?.role ?? null;
      if (!role) {
        throw new StrongroomError(
          ErrorCode.MediumNotLabelled,
          'This stick has no Strongroom label, so the export was not saved on it. Choose a labelled stick (vault or seed: the audit trail holds no secret), or the reports folder.',
        );
      }
      const saved = await this.media.saveDocument(medium.drive.devicePath, role, fileName, bytes, `the audit trail export (${request.format.toUpperCase()})`);
      ({ mediumId: savedOn, path: location, sha256 } = saved);
    } else {
      await saveKeptReport(join(this.reportsFolder, fileName), bytes, EXPORT_WORDS);
      location = `reports/${fileName}`;
      sha256 = sha256Hex(bytes);
    }
    this.session.record({
      action: 'audit.exported',
      subject: savedOn ?? 'reports',
      details: {
        format: request.format,
        events: entries.length,
        to: savedOn ?? 'reports',
        file: fileName,
        sha256,
        filter: filterWords.join('; ') || 'none',
        headSeq: head?.seq ?? 0,
        chainIntact: verdict.intact,
      },
    });
    return {
      format: request.format,
      events: entries.length,
      fileName,
      savedOn,
      location,
      sha256,
      chainHead: head ? { seq: head.seq, hash: head.hash } : null,
      chainIntact: verdict.intact,
    };
  }

  private async pdf(
    paper: PaperSize,
    custodian: string,
    exportedAt: string,
    filter: readonly string[],
    verdict: AuditChainVerdict,
    head: AuditEvent | undefined,
    entries: readonly DescribedEntry[],
  ): Promise<Buffer> {
    const document = await buildAuditExport({
      paper,
      exportedBy: custodian,
      exportedAt,
      filter,
      trailEvents: verdict.count,
      head: head ? { seq: head.seq, hash: head.hash } : null,
      chain: verdict.intact ? { intact: true, count: verdict.count } : { intact: false, count: verdict.count, firstBadSeq: verdict.firstBadSeq, explanation: verdict.explanation },
      entries: entries.map(({ event, words }) => ({
        seq: event.seq,
        at: event.at,
        custodian: event.custodian,
        title: words.title,
        subject: event.subject,
        sentence: words.sentence,
        facts: words.facts.map((f) => `${f.label}: ${f.value}`),
        highlightWord: words.highlightWord,
        hash: event.hash,
      })),
    }, this.media.printOptions);
    return document.pdf;
  }

  /** Words for entries, with account names looked up once per request. */
  private describer(): { describe: (event: AuditEvent) => DescribedAuditEvent; nameOf: (id: string) => string | null } {
    const names = new Map(this.catalog.accounts.list().map((a) => [a.accountId, a.name] as const));
    const nameOf = (id: string) => names.get(id) ?? null;
    const cache = new Map<number, DescribedAuditEvent>();
    const describe = (event: AuditEvent) => {
      let words = cache.get(event.seq);
      if (!words) {
        words = describeAuditEvent(event, (id) => names.get(id));
        // A search scans newest first, so the first entries described are the page's: keep those, not years of them.
        if (cache.size < 2 * DEFAULT_PAGE) cache.set(event.seq, words);
      }
      return words;
    };
    return { describe, nameOf };
  }
}

function toEntryView(event: AuditEvent, words: DescribedAuditEvent, subjectName: string | null): AuditEntryView {
  return {
    seq: event.seq,
    at: event.at,
    custodian: event.custodian,
    action: event.action,
    subject: isPathLike(event.subject) ? 'unlabelled stick' : event.subject,
    subjectName,
    title: words.title,
    sentence: words.sentence,
    facts: words.facts,
    highlight: words.highlight,
    highlightWord: words.highlightWord,
    practice: event.details['practice'] === true,
    seal: shortDigest(event.hash),
  };
}
