import type { AuditFilterRequest } from '../core/audit-filter';

/**
 * What the Audit screen sees: entries already in words (main describes them, so the screen, the CSV and the PDF
 * say the same), one page at a time, and the filter's choices. The trail itself stays in main.
 */

export type AuditFilterView = AuditFilterRequest;

export interface AuditEntryView {
  readonly seq: number;
  /** ISO 8601. */
  readonly at: string;
  readonly custodian: string;
  readonly action: string;
  /** The id the entry is about (medium, account, token, run); a device path never stands here. */
  readonly subject: string;
  /** The account's name beside its id, when the subject is an account this kiosk knows. */
  readonly subjectName: string | null;
  readonly title: string;
  readonly sentence: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly highlight: 'alarm' | 'caution' | null;
  readonly highlightWord: string | null;
  readonly practice: boolean;
  /** The start of the entry's seal (SHA-256), grouped for reading. */
  readonly seal: string;
}

export type AuditChainView =
  | { readonly intact: true; readonly count: number; readonly headHash: string }
  | { readonly intact: false; readonly count: number; readonly firstBadSeq: number; readonly explanation: string };

export interface AuditPage {
  /** Newest first. */
  readonly events: readonly AuditEntryView[];
  /** Entries of the whole trail matching the filter. */
  readonly matching: number;
  /** Entries in the whole trail. */
  readonly total: number;
  /** Older matching entries remain: ask again with beforeSeq set to the last one shown. */
  readonly hasMore: boolean;
}

export interface AuditFacetsView {
  readonly total: number;
  readonly custodians: readonly { readonly name: string; readonly events: number }[];
  readonly actions: readonly { readonly action: string; readonly title: string; readonly events: number }[];
  /** Accounts, media and tokens this kiosk knows, to filter by. */
  readonly subjects: readonly { readonly id: string; readonly words: string }[];
  readonly firstAt: string | null;
  readonly lastAt: string | null;
}

export interface AuditExportView {
  readonly format: 'csv' | 'pdf';
  readonly events: number;
  readonly fileName: string;
  /** The stick it was saved on, by medium id; null when it went to the kiosk's reports folder. */
  readonly savedOn: string | null;
  /** Where on the stick (STRONGROOM/…) or in the catalog folder (reports/…). */
  readonly location: string;
  readonly sha256: string;
  readonly chainHead: { readonly seq: number; readonly hash: string } | null;
  readonly chainIntact: boolean;
}

/** An open tamper alarm as every screen shows it: what was found, in one sentence, until it is acknowledged. */
export interface TamperAlarmView {
  readonly alarmId: string;
  readonly raisedAt: string;
  /** The medium whose audit copy disagrees with the kiosk, or 'kiosk' for the kiosk's own trail. */
  readonly subject: string;
  readonly kind: string;
  readonly sentence: string;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
}
