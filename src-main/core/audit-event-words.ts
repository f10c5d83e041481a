import type { JsonValue } from './canonical-json';
import { auditActionTitle } from './audit-action-titles';
import { locationKindWords } from './custody-vocabulary';
import { formatInstant } from './instant-format';
import { auditFactLabel, auditFactValue, baseName, capital, isPathLike } from './audit-fact-words';
import { ownEntry as own } from './own-entry';

/**
 * An audit event in a custodian's words: a title, one sentence saying what happened to which medium, account or
 * token, and every other recorded detail as a labelled fact. The screen, the CSV and the PDF export all read
 * events through here, so the three say the same thing. Nothing recorded is dropped: what the sentence does not
 * use becomes a fact; hashes are shortened and labelled; a device or file path is never the name of a thing.
 */

export type AuditHighlight = 'alarm' | 'caution';

export interface AuditFact {
  readonly label: string;
  readonly value: string;
}

export interface DescribedAuditEvent {
  readonly title: string;
  readonly sentence: string;
  readonly facts: readonly AuditFact[];
  /** alarm: a refusal, failure or tamper sign; caution: a secret shown or a safeguard set aside; null: routine. */
  readonly highlight: AuditHighlight | null;
  /** The word shown beside a highlighted entry ("Refused", "Failed", "Alarm", "Secret shown", ...). */
  readonly highlightWord: string | null;
}

export interface DescribableAuditEvent {
  readonly custodian: string;
  readonly action: string;
  readonly subject: string;
  readonly details: { readonly [key: string]: JsonValue };
}

type Details = DescribableAuditEvent['details'];

export { auditActionTitle, KNOWN_AUDIT_ACTIONS } from './audit-action-titles';
export { isPathLike, shortDigest } from './audit-fact-words';

// ---------------------------------------------------------------------------------------------------------------
// Highlighting: the one rule

// Actions that are an alarm by their nature, beyond the -refused / -failed naming convention.
const ALARM_ACTIONS = new Set(['token.mismatch', 'token.lost', 'medium.reported-lost', 'airgap.lost']);
// A secret was shown or left the safe, or a safeguard was set aside: legitimate, but what a reviewer checks first.
const CAUTION_ACTIONS: Readonly<Record<string, string>> = {
  'airgap.override': 'Safeguard set aside',
  'breakglass.opened': 'Secret opened',
  'breakglass.password-revealed': 'Secret shown',
  'breakglass.password-copied': 'Secret copied',
  'enrolment.password-revealed': 'Secret shown',
  'breakglass.pending-password-revealed': 'Secret shown',
  'rotation.password-shown': 'Secret shown',
  'mfa.code-shown': 'Secret shown',
  'seeds.csv-exported': 'Plaintext seeds',
  'medium.wiped': 'Stick wiped',
  'token.revoked': 'Token revoked',
};

/**
 * Which entries stand out, and with which word. Alarm: every action named `…-refused`, `…-failed`, `….refused`
 * or `….failed` (the convention every desk follows), a mismatch or tamper sign, a lost token, a medium that failed
 * verification, a verification run with failures, and a CloudTrail import with unexplained root activity.
 */
export function auditHighlight(action: string, details: Details): { highlight: AuditHighlight; word: string } | null {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  if (verb === 'refused' || verb.endsWith('-refused')) return { highlight: 'alarm', word: 'Refused' };
  if (verb === 'failed' || verb.endsWith('-failed')) return { highlight: 'alarm', word: 'Failed' };
  if (ALARM_ACTIONS.has(action) || /mismatch|tamper|alarm|broken/.test(verb)) return { highlight: 'alarm', word: 'Alarm' };
  if (details['outcome'] === 'failed') return { highlight: 'alarm', word: 'Failed' };
  if (action === 'verification.finished' && typeof details['failed'] === 'string' && details['failed'] !== '') return { highlight: 'alarm', word: 'Failed' };
  if (action === 'cloudtrail.reconciled' && typeof details['unexplained'] === 'number' && details['unexplained'] > 0) {
    return { highlight: 'alarm', word: 'Unexplained' };
  }
  const caution = own(CAUTION_ACTIONS, action);
  return caution ? { highlight: 'caution', word: caution } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Words per action


/** What a sentence builder may read; every key it reads is left out of the facts, so nothing shows twice. */
class DetailReader {
  readonly used = new Set<string>();
  constructor(private readonly details: Details) {}

  text(key: string): string {
    this.used.add(key);
    const value = this.details[key];
    if (value === undefined || value === null) return '';
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  number(key: string): number | null {
    this.used.add(key);
    const value = this.details[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }

  flag(key: string): boolean | null {
    this.used.add(key);
    const value = this.details[key];
    return typeof value === 'boolean' ? value : null;
  }

  /** Reads without using up: the value also stays a fact. */
  peek(key: string): string {
    const value = this.details[key];
    return typeof value === 'string' ? value : '';
  }

  when(key: string): string {
    const value = this.text(key);
    return value ? (formatInstant(value) ?? value) : '';
  }
}

interface Words {
  readonly custodian: string;
  readonly subject: string;
  /** The subject as a custodian names it: a medium, account or token id, never a device path. */
  readonly name: string;
}

type Sentence = (d: DetailReader, w: Words) => string;

const quoted = (text: string) => (text ? ` “${text}”` : '');
const count = (n: number | null, one: string, many = `${one}s`) => `${n ?? 0} ${n === 1 ? one : many}`;
const errorWords = (d: DetailReader) => {
  const code = d.text('error');
  return code ? ` (${code})` : '';
};
const plural = (list: string) => (list.includes(',') ? 's' : '');
const kindWords = (kind: string) => own(DOCUMENT_KINDS, kind) ?? kind;
const where = locationKindWords;
const via = (d: DetailReader) => (d.text('via') === 'cli' ? ' on the command line' : '');

const DOCUMENT_KINDS: Readonly<Record<string, string>> = {
  'emergency-sheet-vault': 'the vault emergency sheet',
  'emergency-sheet-seed': 'the seed store emergency sheet',
  'seed-backup': 'the paper seed backup',
  'medium-labels': 'the medium labels',
  'verification-report': 'the verification report',
};

const SENTENCES: Readonly<Record<string, Sentence>> = {
  'custodian.signed-in': (d, w) => `${w.name} signed in${d.text('via') === 'cli' ? ' on the command line' : ' at the kiosk'}${d.flag('newCustodian') ? ', for the first time' : ''}.`,
  'custodian.signed-out': (d, w) => {
    const reason = d.text('reason');
    return `${w.name} signed out${reason && reason !== 'signed out' ? ` (${reason})` : ''}.`;
  },
  'custodian.locked-idle': (d, w) => `The kiosk locked itself after ${count(d.number('idleMinutes'), 'minute')} without input; ${w.name} was signed out.`,
  'settings.idle-lock-changed': (d) => `The kiosk now locks after ${count(d.number('to'), 'minute')} without input (it was ${count(d.number('from'), 'minute')}).`,
  'settings.verification-interval-changed': (d) => `Media are now due for verification every ${count(d.number('to'), 'day')} (it was ${count(d.number('from'), 'day')}).`,
  'airgap.refused': (d, w) => `Refused to ${w.subject} while a network was connected${d.text('interfaces') ? ` (${d.text('interfaces')})` : ''}.`,
  'airgap.override': (d) => `Secret work allowed with a network connected (${d.text('interfaces') || 'none'}), for lab use:${quoted(d.text('reason'))}.`,
  'medium.labelled': (d, w) => {
    const warnings = d.number('warnings') ?? 0;
    return `${w.name} labelled as a ${d.text('role')} medium, kept ${where(d.text('location'))}${warnings > 0 ? `, with ${count(warnings, 'warning')}` : ''}.`;
  },
  'medium.label-refused': (d, w) => `Refused to label ${w.name} as a ${d.text('role')} medium: ${d.text('reasons') || 'the stick could not take that role'}.`,
  'medium.wiped': (d, w) => `${w.name} (${d.text('role')}) wiped: its Strongroom files removed and its record retired.`,
  'medium.ejected': (d, w) => `${w.name} ejected${d.flag('safeToRemove') === false ? ', but it was NOT yet safe to remove' : '; safe to remove'}.`,
  'artefact.written': (d, w) => `Generation ${d.text('generation')} of ${d.text('artefact')} written to ${w.name}, read back and verified.`,
  'artefact.write-refused': (d, w) => `Refused to write ${d.text('artefact') || 'the file'} to ${w.name}: ${d.text('reasons') || 'the stick could not take it'}.`,
  'artefact.write-failed': (d, w) => `Writing ${d.text('artefact')} generation ${d.text('generation')} to ${w.name} failed${errorWords(d)}.`,
  'medium.audit-copy-missing': (d, w) => `The audit copy on ${w.name} could not be brought up to date${d.text('during') ? ` after ${d.text('during')}` : ''}${errorWords(d)}; the stick does not yet witness this event.`,
  'document.saved': (d, w) => `${capital(d.text('document') || 'a document')} saved on ${w.name} as STRONGROOM/${d.text('file')}.`,
  'document.save-refused': (d, w) => `Refused to save ${d.text('document') || 'a document'} on ${w.name}, which cannot take a ${d.text('role')} document.`,
  'account.added': (d, w) => `Account ${w.name}${d.text('name') ? ` (${d.text('name')})` : ''} added.`,
  'account.updated': (d, w) => `Account ${w.name}${d.text('name') ? ` (${d.text('name')})` : ''} updated.`,
  'accounts.imported': (d, w) => {
    const skipped = d.number('skippedRows') ?? 0;
    return `${count(d.number('added'), 'account')} added and ${d.number('updated') ?? 0} updated from ${w.name}${d.text('format') ? ` (${d.text('format')})` : ''}${skipped > 0 ? `; ${count(skipped, 'row')} with problems skipped` : ''}.`;
  },
  'accounts.provisioned': (d, w) => `${count(d.number('accounts'), 'account')} provisioned from ${w.name}: vault generation ${d.text('vaultGeneration')}, seed generation ${d.text('seedGeneration')}.`,
  'account.enrolled': (d, w) => `${w.name} enrolled: written in vault generation ${d.text('vaultGeneration')} and seed generation ${d.text('seedGeneration')}.`,
  'enrolment.started': (_d, w) => `Enrolment of ${w.name} started: a new root password was generated.`,
  'enrolment.password-revealed': (_d, w) => `The new root password of ${w.name} was shown on screen during enrolment.`,
  'enrolment.seed-recorded': (d, w) => `The MFA secret AWS showed for ${w.name} was entered${d.text('source') ? ` (as ${d.text('source')})` : ''}.`,
  'enrolment.aws-accepted': (_d, w) => `AWS accepted the two MFA codes for ${w.name}.`,
  'enrolment.cancelled': (_d, w) => `The enrolment of ${w.name} was cancelled; its new password and MFA secret were discarded.`,
  'breakglass.opened': (d, w) => {
    const seed = d.text('seedCustodian');
    const token = d.text('tokenTaken');
    const halves = seed ? `${d.text('vaultCustodian')} holding the vault passphrase and ${seed} the seed passphrase` : `${d.text('vaultCustodian')} holding the vault passphrase, without the seed stick`;
    const generations = `Vault generation ${d.text('vaultGeneration')}${seed ? `, seed generation ${d.text('seedGeneration')}` : ''}`;
    return `Break-glass of ${w.name} opened with ${halves}:${quoted(d.text('reason'))}. ${generations}${token ? `; ${token} taken from the safe as its MFA device` : ''}.`;
  },
  'breakglass.failed': (d, w) => {
    const seed = d.text('seedCustodian');
    return `Break-glass of ${w.name} failed${errorWords(d)}; ${seed ? `${d.text('vaultCustodian')} and ${seed} were` : `${d.text('vaultCustodian')} was`} at the kiosk:${quoted(d.text('reason'))}.`;
  },
  'breakglass.closed': (d, w) => `Break-glass of ${w.name} closed${d.text('how') ? ` (${d.text('how')})` : ''}; its secrets were wiped from memory.`,
  'breakglass.password-revealed': (_d, w) => `The root password of ${w.name} was shown on screen.`,
  'breakglass.password-copied': (d, w) => `The root password of ${w.name} was copied to the clipboard, cleared after ${count(d.number('clearsAfterSeconds'), 'second')}.`,
  'mfa.code-shown': (d, w) => `An MFA code for ${w.name} was shown${via(d)}${d.text('seedGeneration') ? `, from seed generation ${d.text('seedGeneration')}` : ''}.`,
  'verification.started': (_d, w) => `Verification run ${w.name} started.`,
  'verification.medium-checked': (d, w) => {
    const failed = d.text('failed');
    return `${w.name} ${d.text('outcome') === 'failed' ? 'FAILED' : 'passed'} verification in run ${d.text('runId')}${failed ? ` (failed: ${failed})` : ''}${d.text('seal') ? `; seal ${d.text('seal')}` : ''}.`;
  },
  'verification.finished': (d, w) => {
    const failed = d.text('failed');
    const tokens = d.text('tokens');
    return `Verification run ${w.name} finished: ${count(d.number('media'), 'medium', 'media')} checked${tokens ? ` (tokens: ${tokens})` : ''}, ${failed ? `FAILED: ${failed}` : 'all passed'}.`;
  },
  'verification.token-unknown': (d, w) => `In verification run ${w.name}, a token not in the inventory was presented: ${d.text('described')}${d.text('why') ? ` (${d.text('why').replace(/\.$/, '')})` : ''}.`,
  'verification.token-not-presented': (d, w) => `In verification run ${w.name}, ${d.text('tokenId')} was not presented: ${d.text('reason').replace(/\.$/, '')}.`,
  'verification.tokens-checked': (d, w) => {
    const problems = [
      d.text('missing') ? `missing: ${d.text('missing')}` : '',
      d.text('mismatched') ? `not matching their record: ${d.text('mismatched')}` : '',
      d.number('unknown') ? `${count(d.number('unknown'), 'token')} not in the inventory` : '',
      d.text('recordWrong') ? `presented against their record: ${d.text('recordWrong')}` : '',
      d.text('overdue') ? `overdue: ${d.text('overdue')}` : '',
    ].filter(Boolean);
    return `The tokens of verification run ${w.name} were checked: ${d.number('presented') ?? 0} of ${count(d.number('expected'), 'token')} in the safe presented${problems.length ? `; FAILED — ${problems.join('; ')}` : ', all as recorded'}.`;
  },
  'print.seed-backup-prepared': (d, w) =>
    `The paper seed backup of ${count(d.number('accounts'), 'account')} (seed generation ${d.text('generation')}, ${count(d.number('pages'), 'page')}) was prepared from ${w.name}.`,
  'print.seed-backup-discarded': (d) => `The paper seed backup was discarded${d.text('how') ? ` (${d.text('how')})` : ''} and wiped from memory.`,
  'print.seed-backup-failed': (d, w) => `Preparing the paper seed backup from ${w.name} failed${errorWords(d)}.`,
  'print.printed': (d, w) => `${capital(kindWords(w.subject))} printed on ${d.text('printer') || 'the printer'} (${count(d.number('pages'), 'page')}${d.text('generation') ? `, generation ${d.text('generation')}` : ''}).`,
  'print.failed': (d, w) => `Printing ${kindWords(w.subject)} on ${d.text('printer') || 'the printer'} failed${errorWords(d)}.`,
  'print.save-refused': (d, w) => {
    const kind = d.text('kind');
    const reason = d.text('reason');
    const needs = d.text('needs');
    const stickRole = d.text('stickRole');
    const what = kind ? kindWords(kind) : kindWords(w.subject);
    const on = kind ? ` on ${w.name}` : '';
    return `Refused to save ${what}${on}: ${reason || (needs ? `it needs a ${needs} stick and this is ${stickRole === 'unlabelled' ? 'an unlabelled stick' : `a ${stickRole} stick`}` : 'not allowed there')}.`;
  },
  'print.save-failed': (d, w) => `Saving ${kindWords(d.text('kind'))} on ${w.name} failed${errorWords(d)}.`,
  // The file's name only: its whole path stays a fact, never the name of the thing.
  'print.written-to-file': (d, w) => `${capital(kindWords(w.subject))} written to a file${d.peek('file') ? ` (${baseName(d.peek('file'))})` : ''}.`,
  'print.secrets-wiped': (d) =>
    `${count(d.number('seedDocuments'), 'seed document')} and ${count(d.number('restoredSeeds'), 'restored seed')} wiped from memory when the kiosk ${d.text('how') === 'locked-idle' ? 'locked itself' : 'was signed out'}.`,
  'paper.seed-restored': (d, w) => `A seed for ${w.name} was typed back from paper: ${count(d.number('lineCount'), 'line')}, each matching its check value.`,
  'paper.seed-restore-failed': (d, w) => `Typing a seed for ${w.name} back from paper failed${errorWords(d)}${d.text('wrongLines') ? `; wrong line${plural(d.text('wrongLines'))}: ${d.text('wrongLines')}` : ''}.`,
  'paper.re-enrolment-started': (_d, w) => `Re-enrolment of ${w.name} from a paper seed started.`,
  'passphrase.suggested': (d) => `A ${d.text('words')}-word master passphrase was suggested${via(d)} (the words are not recorded).`,
  'seeds.csv-exported': (d, w) =>
    `The seed table of ${count(d.number('accounts'), 'account')} (seed generation ${d.text('seedGeneration')}) was copied from ${d.text('from')} to ${w.name} as a plaintext CSV${d.text('file') ? `, ${d.text('file')}` : ''}.`,
  'cloudtrail.reconciled': (d) => {
    const from = d.when('from');
    const to = d.when('to');
    return `CloudTrail logs reconciled: ${count(d.number('files'), 'file')}, ${count(d.number('records'), 'record')}, ${count(d.number('rootEvents'), 'root event')}${from ? ` from ${from} to ${to}` : ''}; ${d.number('unexplained') ?? 0} unexplained.`;
  },
  'token.added': (d, w) => {
    const accounts = d.text('accounts');
    return `${w.name} added: ${d.text('kind') === 'fido' ? 'FIDO security key' : 'TOTP display token'} ${[d.text('make'), d.text('model')].filter(Boolean).join(' ')}, serial ${d.text('serial')}, kept at ${d.text('location')}${accounts ? `; registered on ${accounts}` : ''}.`;
  },
  'token.registered': (d, w) => `${w.name} recorded as registered in AWS on ${d.text('accounts')}.`,
  'token.deregistered': (d, w) => `${w.name} recorded as deregistered in AWS from ${d.text('accounts')}.`,
  'token.lost': (d, w) => {
    const accounts = d.text('accountsToReregister');
    return `${w.name} reported lost:${quoted(d.text('reason'))}.${accounts ? ` Deregister it in AWS and register a replacement on ${accounts}.` : ''}`;
  },
  'token.revoked': (d, w) => {
    const accounts = d.text('accountsToReregister');
    return `${w.name} revoked:${quoted(d.text('reason'))}.${accounts ? ` Deregister it in AWS on ${accounts}.` : ''}`;
  },
  'token.destroyed': (d, w) => `${w.name} destroyed:${quoted(d.text('reason'))}.`,
  'token.checked-out': (d, w) => `${w.name} checked out to ${d.text('custodians')} until ${d.when('dueAt')}:${quoted(d.text('reason'))}.`,
  'token.checked-in': (d, w) => `${w.name} checked in (${seenHow(d.text('how'))}) and back at ${d.text('location')}${d.flag('overdue') ? ', later than due' : ''}.`,
  'token.seen': (d, w) => `${w.name} was seen (${seenHow(d.text('how'))}).`,
  'token.check-in-refused': (d, w) => `${w.name} was not checked in: ${d.text('why') || d.text('outcome') || 'the token could not be identified'}.`,
  'token.mismatch': (d, w) => `A token presented as ${w.name} did not match its record: ${d.text('why') || d.text('outcome')}.`,
  'audit.exported': (d) => {
    const to = d.text('to');
    return `${count(d.number('events'), 'audit event')} exported as ${d.text('format').toUpperCase()} ${to === 'reports' ? "to the kiosk's reports folder" : `to ${to}`}${d.text('file') ? ` (${d.text('file')})` : ''}.`;
  },
};

function seenHow(how: string): string {
  return how === 'hid' ? 'plugged in and read over USB' : how === 'serial' || how === 'typed-serial' ? 'its printed serial typed' : how;
}

/** The entry in a custodian's words; `names` may add an account's name to its id. */
export function describeAuditEvent(event: DescribableAuditEvent, names: (id: string) => string | undefined = () => undefined): DescribedAuditEvent {
  const reader = new DetailReader(event.details);
  const subjectIsPath = isPathLike(event.subject);
  const known = names(event.subject);
  const words: Words = {
    custodian: event.custodian,
    subject: event.subject,
    name: subjectIsPath ? 'an unlabelled stick' : known ? `${event.subject} (${known})` : event.subject || 'the kiosk',
  };
  const build = own(SENTENCES, event.action);
  let sentence: string;
  try {
    sentence = build ? build(reader, words) : `${auditActionTitle(event.action)}: ${words.name}.`;
  } catch {
    // Details altered or written by another version must never hide the entry: fall back to the facts alone.
    reader.used.clear();
    sentence = `${auditActionTitle(event.action)}: ${words.name}.`;
  }
  const facts: AuditFact[] = [];
  for (const [key, value] of Object.entries(event.details)) {
    if (reader.used.has(key) || key === 'practice') continue;
    facts.push({ label: auditFactLabel(key), value: auditFactValue(key, value) });
  }
  if (subjectIsPath && !facts.some((f) => f.value === event.subject)) facts.push({ label: 'Device path', value: event.subject });
  if (event.details['practice'] === true) facts.push({ label: 'Practice', value: 'yes: practice media, not real custody' });
  const marked = auditHighlight(event.action, event.details);
  return { title: auditActionTitle(event.action), sentence, facts, highlight: marked?.highlight ?? null, highlightWord: marked?.word ?? null };
}
