import { z } from 'zod';
import { parseArtefactFileName, type ArtefactFileState } from './artefact-files';
import { locationSentence, MEDIUM_ROLES, otherRole, ROLE_FACTS, type MediumRole } from './custody-vocabulary';
import { DeviceIdentitySchema, describeIdentity } from './device-identity';
import { ErrorCode, StrongroomError } from './errors';

export { ROLE_ARTEFACT } from './artefact-files';

/**
 * STRONGROOM/medium.json: what a medium is, written onto the medium itself, so a stick found in a safe explains
 * itself and the scanner can tell a vault stick from a seed stick without the catalog. It holds no secret.
 */
export const MEDIUM_DIR = 'STRONGROOM';
export const MANIFEST_FILE = 'medium.json';
export const README_FILE = 'README.txt';
export const MANIFEST_PATH = `${MEDIUM_DIR}/${MANIFEST_FILE}`;
export const MANIFEST_FORMAT_VERSION = 1;

export { MEDIUM_ROLES, otherRole, type MediumRole };

/** Files other than the artefact's generations a medium of each role may list (ARCHITECTURE.md, "A medium on disk"). */
const ALLOWED_OTHER_FILES: Readonly<Record<MediumRole, ReadonlySet<string>>> = {
  vault: new Set(['audit.jsonl', 'emergency-sheet.pdf', README_FILE]),
  seed: new Set(['audit.jsonl', README_FILE]),
};

/** A file a medium of `role` may list: its own artefact's current, history or staged generations, or its documents. */
export function belongsOnMedium(role: MediumRole, name: string): boolean {
  const artefact = parseArtefactFileName(name);
  return artefact ? artefact.role === role : ALLOWED_OTHER_FILES[role].has(name);
}

const isoTimestamp = z.iso.datetime({ offset: true });

export const ArtefactRecordSchema = z.object({
  // A plain file name: a path here could point the verifier outside STRONGROOM/.
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be a plain file name such as vault.kdbx'),
  generation: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  size: z.number().int().min(0),
  /** Absent in manifests written before history was kept: such an entry is the current file. */
  state: z.enum(['current', 'history', 'staged']).optional(),
  writtenAt: isoTimestamp,
  writtenBy: z.string().trim().min(1).max(200),
});

export const MediumManifestSchema = z
  .object({
    formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
    mediumId: z.string().regex(/^(VAULT|SEEDS)-\d{2,4}$/, 'must look like VAULT-02 or SEEDS-01'),
    role: z.enum(MEDIUM_ROLES),
    device: DeviceIdentitySchema,
    location: z.object({
      kind: z.enum(['onsite', 'offsite']),
      note: z.string().max(500),
    }),
    createdBy: z.string().trim().min(1).max(200),
    createdAt: isoTimestamp,
    practice: z.boolean(),
    artefacts: z.array(ArtefactRecordSchema).max(100),
  })
  .superRefine((m, ctx) => {
    if (!m.mediumId.startsWith(`${ROLE_FACTS[m.role].mediumIdPrefix}-`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mediumId'],
        message: `a ${m.role} medium's id must start with ${ROLE_FACTS[m.role].mediumIdPrefix}-`,
      });
    }
    const seen = new Set<string>();
    m.artefacts.forEach((a, i) => {
      if (seen.has(a.name)) ctx.addIssue({ code: 'custom', path: ['artefacts', i, 'name'], message: `${a.name} is listed twice` });
      seen.add(a.name);
      if (!belongsOnMedium(m.role, a.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['artefacts', i, 'name'],
          message: `${a.name} does not belong on a ${m.role} medium`,
        });
      }
    });
  });

export type MediumManifest = z.infer<typeof MediumManifestSchema>;
export type ArtefactRecord = z.infer<typeof ArtefactRecordSchema>;

export type ManifestParseResult =
  | { readonly ok: true; readonly manifest: MediumManifest }
  | { readonly ok: false; readonly problem: string };

/** Never throws: the scanner must keep going when a stick carries a damaged or foreign manifest. */
export function safeParseMediumManifest(text: string): ManifestParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
  const parsed = MediumManifestSchema.safeParse(json);
  if (parsed.success) return { ok: true, manifest: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
  return { ok: false, problem: `${where}${issue?.message ?? 'is not a Strongroom manifest'}`.trim() };
}

/**
 * @param where names the file for the custodian, e.g. "partition 1 of the stick in the left port
 *   (STRONGROOM/medium.json)".
 */
export function parseMediumManifest(text: string, where: string): MediumManifest {
  const result = safeParseMediumManifest(text);
  if (result.ok) return result.manifest;
  throw new StrongroomError(
    ErrorCode.MediumManifestInvalid,
    `The medium label file on ${where} cannot be read: ${result.problem}. Do not use this stick until a custodian has checked it; relabel it only after comparing it with the catalog.`,
    { where, problem: result.problem },
  );
}

export function serialiseMediumManifest(manifest: MediumManifest): string {
  // Validate on the way out too: a manifest Strongroom cannot read back must never reach a stick.
  const checked = MediumManifestSchema.parse(manifest);
  return `${JSON.stringify(checked, null, 2)}\n`;
}

/** Records a newly verified generation of one artefact, replacing the older record of the same name. */
export function withArtefact(manifest: MediumManifest, record: ArtefactRecord): MediumManifest {
  const others = manifest.artefacts.filter((a) => a.name !== record.name);
  return { ...manifest, artefacts: [...others, record].sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * Replaces every listed generation of the medium's artefact (current, history, staged) with `files`, keeping the
 * other entries. The list is what the stick holds after a stage, commit or prune.
 */
export function withArtefactFiles(manifest: MediumManifest, files: readonly ArtefactRecord[]): MediumManifest {
  const others = manifest.artefacts.filter((a) => parseArtefactFileName(a.name) === null);
  return { ...manifest, artefacts: [...others, ...files].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The state a listed artefact file is in: from the entry, else (older manifests) from its name. */
export function listedState(record: ArtefactRecord): ArtefactFileState | null {
  return record.state ?? parseArtefactFileName(record.name)?.state ?? null;
}

export interface ReadmeContact {
  readonly name: string;
  /** Phone, room, or how to reach them; free text. */
  readonly reach: string;
}

export interface ReadmeOptions {
  readonly organisation: string;
  readonly contacts: readonly ReadmeContact[];
}

/**
 * The README.txt a finder reads first. Plain ASCII with CRLF line ends so Notepad on any machine shows it
 * properly. It tells what the stick is and what to do with it, and nothing that helps anyone log in.
 */
export function buildMediumReadme(manifest: MediumManifest, options: ReadmeOptions): string {
  const isVault = manifest.role === 'vault';
  const lines = [
    `STRONGROOM ${isVault ? 'VAULT' : 'SEED'} MEDIUM ${manifest.mediumId}${manifest.practice ? ' (PRACTICE - NOT REAL CUSTODY)' : ''}`,
    '',
    `Owner: ${options.organisation}`,
    `Labelled by ${manifest.createdBy} on ${manifest.createdAt.slice(0, 10)}; kept ${locationSentence(manifest.location)}.`,
    `Device: ${describeIdentity(manifest.device)}.`,
    '',
    'WHAT THIS IS',
    isVault
      ? 'This stick holds an encrypted KeePass vault (vault.kdbx) with the root-user passwords of AWS accounts,\r\nand the emergency sheet that explains how to use it. The MFA seeds are NOT here, by design.'
      : 'This stick holds an encrypted KeePass store (seeds.kdbx) with the MFA seeds of AWS root users.\r\nThe passwords are NOT here, by design.',
    'Nobody can log in with this stick alone. Keeping it that way is the whole point.',
    '',
    'HANDLING RULES',
    `1. Never store or carry this stick together with a ${isVault ? 'seed stick or the printed seed backup' : 'vault stick or the vault emergency sheet'}.`,
    '2. Never plug it into a networked computer. Use only the Strongroom kiosk.',
    '3. Never copy files to or from it by hand. Every change goes through Strongroom and is logged.',
    `4. Keep it sealed in its ${manifest.location.kind === 'onsite' ? 'on-site' : 'off-site'} location; log every removal.`,
    '5. If it is found outside its location, or the seal is broken, report it at once.',
    '',
    'WHO TO CALL',
    ...(options.contacts.length > 0 ? options.contacts.map((c) => `- ${c.name}: ${c.reach}`) : ['- The Strongroom custodians of your security team.']),
    '',
    'Files in STRONGROOM/: medium.json (this label), audit.jsonl (custody log), README.txt (this file)' +
      (isVault ? ', vault.kdbx (and older generations vault.g<N>.kdbx), emergency-sheet.pdf.' : ', seeds.kdbx (and older generations seeds.g<N>.kdbx).'),
    '',
  ];
  return toAscii(lines.join('\r\n'));
}

/** Names of custodians and places keep their letters as far as ASCII allows ("Søren" → "Soren", not "Sren"). */
const NON_DECOMPOSING: Readonly<Record<string, string>> = {
  ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ß: 'ss', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', þ: 'th', Þ: 'TH', ı: 'i',
  '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-',
};

function toAscii(text: string): string {
  return text
    .replace(/[^ -~\r\n]/g, (c) => NON_DECOMPOSING[c] ?? c)
    .normalize('NFKD')
    .replace(/[^ -~\r\n]/g, '');
}
