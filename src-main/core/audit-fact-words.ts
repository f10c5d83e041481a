import type { JsonValue } from './canonical-json';
import { formatInstant } from './instant-format';
import { ownEntry } from './own-entry';

/**
 * The facts of an audit event: every recorded detail its sentence did not say, under a label a custodian reads.
 * Hashes are shortened so they can be matched against paper; a path is shown as a fact, never as a name.
 */

const FACT_LABELS: Readonly<Record<string, string>> = {
  sha256: 'SHA-256',
  fingerprint: 'Fingerprint',
  reportFingerprint: 'Report fingerprint',
  filesDigest: 'Digest of all files',
  fileDigests: 'Files',
  device: 'Device path',
  identitySource: 'Stick identified by',
  allowance: 'Lab allowance',
  practice: 'Practice',
  document: 'Document id',
  enrolment: 'Enrolment id',
  restore: 'Restore id',
  runId: 'Verification run',
  generation: 'Generation',
  error: 'Error code',
  file: 'File',
  folder: 'Folder',
  aaguid: 'FIDO model (AAGUID)',
  aaguidRecorded: 'FIDO model recorded (AAGUID)',
  job: 'Print job',
  auditHeadSeq: 'Audit trail checked to event',
  headSeq: 'Chain head at event',
  chainIntact: 'Chain verified',
  rootCredentialStatus: 'Root credentials',
  mfa: 'MFA',
};

const HEX_DIGEST = /^[0-9a-f]{32,}$/i;
/** A device or file path: shown as a fact under its label, never as the name of the thing. */
const PATH_LIKE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

export function isPathLike(text: string): boolean {
  return PATH_LIKE.test(text);
}

/** 3F2A 9C1B 77E0 12AB… — enough to match a printed or copied value, short enough to read. */
export function shortDigest(hex: string): string {
  return `${(hex.slice(0, 16).toUpperCase().match(/.{1,4}/g) ?? []).join(' ')}…`;
}

export function auditFactLabel(key: string): string {
  const known = ownEntry(FACT_LABELS, key);
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return capital(words);
}

export function auditFactValue(key: string, value: JsonValue): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (HEX_DIGEST.test(value)) return shortDigest(value);
    if (key.endsWith('At') || key === 'from' || key === 'to') return formatInstant(value) ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const shown = value.slice(0, 5).map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? objectWords(item) : auditFactValue(key, item)));
    return `${shown.join('; ')}${value.length > 5 ? `; and ${value.length - 5} more` : ''}`;
  }
  return objectWords(value);
}

function objectWords(value: { readonly [key: string]: JsonValue }): string {
  const path = typeof value['path'] === 'string' ? value['path'] : null;
  const rest = Object.entries(value).filter(([k]) => k !== 'path');
  const parts = rest.map(([k, v]) => `${auditFactLabel(k)} ${auditFactValue(k, v)}`);
  return path ? `${baseName(path)} (${parts.join(', ')})` : parts.join(', ');
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The last part of a path, for naming a file without saying where it sat. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
