import { createHash } from 'node:crypto';
import { SEED_ALPHABET } from '../../src-main/core/seed-line-check';
import type {
  EmergencySheetInput,
  MediumLabelsInput,
  SeedBackupAccount,
  SeedBackupInput,
  VerificationReportInput,
} from '../../src-main/print/document-inputs';

/**
 * Made-up accounts and media for the print tests and benchmarks. Seeds are derived from a label with SHA-256,
 * so every run prints the same set and no real secret is ever involved.
 */

export function fakeSeed(label: string, length = 64): string {
  let seed = '';
  let counter = 0;
  while (seed.length < length) {
    const bytes = createHash('sha256').update(`${label}/${counter}`).digest();
    for (const byte of bytes) if (seed.length < length) seed += SEED_ALPHABET[byte & 31];
    counter += 1;
  }
  return seed;
}

export function otpauthUri(issuer: string, email: string, seed: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(email)}`;
  return `otpauth://totp/${label}?secret=${seed}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

const NAMES = ['Payments', 'Data Lake', 'Identity', 'Logging Archive', 'Sandbox', 'Customer Portal', 'Network Hub', 'Security Tooling'];
const STAGES = ['Production', 'Staging', 'Development', 'Shared Services'];

export function fakeAccounts(count: number, seedLength = 64): SeedBackupAccount[] {
  return Array.from({ length: count }, (_, i) => {
    const accountId = String(100000000000 + i * 7919).padStart(12, '0');
    const name = `${STAGES[i % STAGES.length]} ${NAMES[i % NAMES.length]} ${i + 1}`;
    const email = `aws-root+acct-${String(i + 1).padStart(4, '0')}@example.com`;
    const issuer = 'Amazon Web Services';
    const seedBase32 = fakeSeed(`account-${i}`, seedLength);
    return { accountId, name, email, issuer, seedBase32, otpauthUri: otpauthUri(issuer, email, seedBase32) };
  });
}

export const PRINTED_AT = '2025-03-14T09:30:00.000Z';

export function seedBackupInput(count: number, paper: 'A4' | 'LETTER' = 'A4'): SeedBackupInput {
  return {
    paper,
    printedAt: PRINTED_AT,
    printedBy: 'Alice Custodian',
    organisation: 'Example Ltd — AWS Organization o-a1b2c3d4e5',
    generation: 7,
    accounts: fakeAccounts(count),
  };
}

/** The kiosk's audit chain head the fixtures' documents print. */
export const FIXTURE_AUDIT_HEAD = { seq: 1284, hash: `3f9a${'0b1c2d3e'.repeat(7)}c21e` } as const;

export function emergencySheetInput(role: 'vault' | 'seed', paper: 'A4' | 'LETTER' = 'A4'): EmergencySheetInput {
  const prefix = role === 'vault' ? 'VAULT' : 'SEED';
  return {
    paper,
    auditHead: FIXTURE_AUDIT_HEAD,
    printedAt: PRINTED_AT,
    printedBy: 'Alice Custodian',
    organisation: 'Example Ltd — AWS Organization o-a1b2c3d4e5',
    role,
    generation: 12,
    accountCount: 48,
    media: [
      { mediumId: `${prefix}-01`, locationKind: 'onsite', locationNote: 'Safe A, room B.104, shelf 2' },
      { mediumId: `${prefix}-02`, locationKind: 'offsite', locationNote: 'Bank deposit box 7731, Main Street branch' },
      { mediumId: `${prefix}-03`, locationKind: 'offsite', locationNote: '' },
    ],
    networkLocation: role === 'vault' ? 'Encrypted copy on \\\\fileserver\\security\\strongroom (read-only share)' : undefined,
    passphrase: role === 'vault' ? { kind: 'write-in' } : { kind: 'kept-by', holders: ['Bob Keeper', ''] },
    contacts: [
      { name: 'Security duty officer', role: 'First call, day or night', phone: '+44 20 7946 0000' },
      { name: 'Carol Head', role: 'Head of cloud security', phone: '+44 20 7946 0001', email: 'carol.head@example.com' },
    ],
  };
}

export function labelsInput(paper: 'A4' | 'LETTER' = 'A4'): MediumLabelsInput {
  return {
    paper,
    printedAt: PRINTED_AT,
    media: [
      { mediumId: 'VAULT-01', role: 'vault', locationKind: 'onsite', locationNote: 'Safe A, room B.104' },
      { mediumId: 'VAULT-02', role: 'vault', locationKind: 'offsite', locationNote: 'Bank deposit box 7731, Main Street branch, London' },
      { mediumId: 'SEED-01', role: 'seed', locationKind: 'onsite', locationNote: 'Safe B, room C.210' },
      { mediumId: 'SEED-02', role: 'seed', locationKind: 'offsite', locationNote: '' },
    ],
  };
}

export function verificationInput(paper: 'A4' | 'LETTER' = 'A4'): VerificationReportInput {
  return {
    paper,
    auditHead: FIXTURE_AUDIT_HEAD,
    organisation: 'Example Ltd — AWS Organization o-a1b2c3d4e5',
    runId: 'VR-2025-Q1-0003',
    startedAt: '2025-03-14T09:30:00.000Z',
    finishedAt: '2025-03-14T10:12:00.000Z',
    custodian: 'Alice Custodian',
    nextDueAt: '2025-06-14T00:00:00.000Z',
    media: [
      {
        mediumId: 'VAULT-01',
        role: 'vault',
        location: 'onsite — Safe A, room B.104',
        outcome: 'passed',
        checks: [
          { name: 'Medium identity', passed: true, sentence: 'The stick is VAULT-01 and its hardware serial matches the catalog.' },
          { name: 'Artefact hash', passed: true, sentence: 'vault.kdbx generation 12 matches the SHA-256 recorded when it was written.' },
          { name: 'Opens with passphrase', passed: true, sentence: 'The vault opened with the master passphrase and holds 48 accounts.' },
          { name: 'Separation', passed: true, sentence: 'No seed artefact is on any partition of this device.' },
        ],
      },
      {
        mediumId: 'SEED-02',
        role: 'seed',
        location: 'offsite — Bank deposit box 7731',
        outcome: 'failed',
        checks: [
          { name: 'Medium identity', passed: true, sentence: 'The stick is SEED-02 and its hardware serial matches the catalog.' },
          {
            name: 'Artefact hash',
            passed: false,
            sentence: 'seeds.kdbx does not match the SHA-256 recorded when it was written; rewrite this medium from a good replica.',
          },
        ],
      },
    ],
    physicalChecklist: [
      { item: 'Tamper-evident seal on the offsite envelope is intact', confirmed: true, note: 'Seal no. 004417' },
      { item: 'Paper seed backup envelope number matches the audit log', confirmed: false, note: 'Envelope re-sealed, see incident 2025-07' },
      { item: 'Labels on every stick are readable' },
    ],
  };
}
