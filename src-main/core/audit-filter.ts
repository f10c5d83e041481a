import type { JsonValue } from './canonical-json';
import { auditHighlight, type DescribableAuditEvent, type DescribedAuditEvent } from './audit-event-words';
import { ErrorCode, StrongroomError } from './errors';
import { formatInstant, parseInstant } from './instant-format';

/**
 * Which audit entries a custodian asked to see. Every field narrows; an empty filter shows the whole trail.
 * Days are UTC days (as every date in Strongroom is), both ends included.
 */
export interface AuditFilterRequest {
  readonly custodian?: string | undefined;
  readonly action?: string | undefined;
  /** An account, medium or token id: the entry is about it, or names it in its details. */
  readonly subject?: string | undefined;
  /** YYYY-MM-DD. */
  readonly fromDay?: string | undefined;
  readonly toDay?: string | undefined;
  /** Free text: every word must appear, in the entry's words or in what was recorded. */
  readonly text?: string | undefined;
  /** Only refusals, failures and other alarms. */
  readonly alarmsOnly?: boolean | undefined;
}

export interface AuditFilter {
  readonly custodian: string | null;
  readonly action: string | null;
  readonly subject: string | null;
  /** The first instant included, ISO 8601 (as the log stores `at`), or null. */
  readonly fromAt: string | null;
  /** The first instant no longer included (the day after `toDay`), or null. */
  readonly beforeAt: string | null;
  readonly terms: readonly string[];
  readonly alarmsOnly: boolean;
}

export interface AuditFilterEvent extends DescribableAuditEvent {
  readonly seq: number;
  readonly at: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TERMS = 12;

function invalid(message: string, field: string): StrongroomError {
  return new StrongroomError(ErrorCode.AuditFilterInvalid, message, { field });
}

function day(value: string | undefined, field: 'from' | 'to'): Date | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const date = DAY.test(text) ? parseInstant(text) : null;
  if (!date) throw invalid(`“${text.slice(0, 40)}” is not a day. Write the ${field === 'from' ? 'first' : 'last'} day as YYYY-MM-DD, for example 2026-12-01.`, field);
  return date;
}

const optional = (value: string | undefined) => {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
};

/** Checks and normalises what the screen or the CLI sent; a day that is not one is refused, never guessed. */
export function normaliseAuditFilter(request: AuditFilterRequest = {}): AuditFilter {
  const from = day(request.fromDay, 'from');
  const to = day(request.toDay, 'to');
  if (from && to && from.getTime() > to.getTime()) {
    throw invalid(`The first day (${formatInstant(from, 'day')}) is after the last (${formatInstant(to, 'day')}). Swap them, or clear one.`, 'to');
  }
  const terms = (request.text ?? '')
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  if (terms.length > MAX_TERMS) throw invalid(`Search for at most ${MAX_TERMS} words at a time.`, 'text');
  return {
    custodian: optional(request.custodian),
    action: optional(request.action),
    subject: optional(request.subject) ? asciiUpper(optional(request.subject)!) : null,
    fromAt: from?.toISOString() ?? null,
    beforeAt: to ? new Date(to.getTime() + 86_400_000).toISOString() : null,
    terms: [...new Set(terms)],
    alarmsOnly: request.alarmsOnly === true,
  };
}

function* strings(value: JsonValue): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (typeof value === 'number' || typeof value === 'boolean') yield String(value);
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value !== null) for (const [key, item] of Object.entries(value)) {
    yield key;
    yield* strings(item);
  }
}

/** The entry names the id: as its subject, or as a whole word in any recorded detail (lists like "SEEDS-02, VAULT-01"). */
export function auditEventMentions(event: DescribableAuditEvent, id: string): boolean {
  const wanted = asciiUpper(id);
  if (asciiUpper(event.subject) === wanted) return true;
  for (const text of strings(event.details)) {
    const upper = asciiUpper(text);
    if (upper === wanted) return true;
    if (upper.length > wanted.length && upper.split(/[\s,;|()]+/).includes(wanted)) return true;
  }
  return false;
}

// Ids are ASCII; folding only a-z keeps this the same comparison SQLite's upper() makes when it narrows the rows.
function asciiUpper(text: string): string {
  return text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/** What free text is matched against: everything recorded, and (with `words`) everything the screen shows. */
export function auditSearchText(event: AuditFilterEvent, words: DescribedAuditEvent | null): string {
  const parts = words
    ? [words.title, words.sentence, words.highlightWord ?? '', ...words.facts.flatMap((f) => [f.label, f.value])]
    : [`#${event.seq}`, String(event.seq), formatInstant(event.at, 'second') ?? event.at, event.custodian, event.action, event.subject, ...strings(event.details)];
  return parts.join('\n').normalize('NFC').toLowerCase();
}

/**
 * The one decision whether an entry is shown. The catalog may narrow with SQL first, but every entry it returns
 * passes through here, so the screen, the CLI and both exports agree on what a filter means. `words` is asked for
 * only when a search word is not already in what was recorded: describing every entry of a long trail is the slow
 * part. (A word never spans two parts of the text, which are joined by line breaks and searched for without them.)
 */
export function matchesAuditFilter(event: AuditFilterEvent, filter: AuditFilter, words: () => DescribedAuditEvent): boolean {
  if (filter.custodian && event.custodian !== filter.custodian) return false;
  if (filter.action && event.action !== filter.action) return false;
  if (filter.fromAt || filter.beforeAt) {
    const at = parseInstant(event.at);
    // An entry whose time cannot be read is in no date range (the chain check reports such an entry).
    if (!at) return false;
    if (filter.fromAt && at.toISOString() < filter.fromAt) return false;
    if (filter.beforeAt && at.toISOString() >= filter.beforeAt) return false;
  }
  if (filter.subject && !auditEventMentions(event, filter.subject)) return false;
  if (filter.alarmsOnly && auditHighlight(event.action, event.details)?.highlight !== 'alarm') return false;
  if (filter.terms.length > 0) {
    const recorded = auditSearchText(event, null);
    const rest = filter.terms.filter((term) => !recorded.includes(term));
    if (rest.length > 0) {
      const shown = auditSearchText(event, words());
      if (!rest.every((term) => shown.includes(term))) return false;
    }
  }
  return true;
}

/** The filter in words, for the export's cover and the audit event that records the export. */
export function describeAuditFilter(filter: AuditFilter, actionTitle: (action: string) => string): string[] {
  const words: string[] = [];
  if (filter.custodian) words.push(`custodian ${filter.custodian}`);
  if (filter.action) words.push(`action “${actionTitle(filter.action)}”`);
  if (filter.subject) words.push(`about ${filter.subject}`);
  if (filter.fromAt) words.push(`from ${formatInstant(filter.fromAt, 'day')}`);
  if (filter.beforeAt) words.push(`to ${formatInstant(new Date(Date.parse(filter.beforeAt) - 86_400_000), 'day')}`);
  if (filter.terms.length > 0) words.push(`containing ${filter.terms.map((t) => `“${t}”`).join(' and ')}`);
  if (filter.alarmsOnly) words.push('refusals, failures and alarms only');
  return words;
}
