import { keePassFormatOf } from '../artefacts/kdbx-public-header';
import { MANIFEST_FILE, README_FILE } from '../core/medium-manifest';
import { decodeTextFile, findPlaintextKeePassExport, findPlaintextSeed, isPaperSeedBackupPdf, type PlaintextSeedEvidence } from '../core/plaintext-seeds';
import { sha256Hex } from '../core/sha256';
import type { MediumFinding } from '../core/separation-policy';
import { temporaryArtefactTarget } from './atomic-file-writer';
import { addKeePassCandidate, type KeePassCandidate } from './keepass-candidates';
import { BudgetExceeded, shortProblem, type PartitionWalk } from './partition-walk';
import { STICK_FILE_CAPS, readStickFile, readStickFileHead } from './stick-files';

const AUDIT_COPY_NAME = 'audit.jsonl';
const HEAD_BYTES = 8192;
/** Text files Strongroom itself keeps in the label folder (medium.json itself is read as the label). */
const LABEL_TEXT_FILES = new Set([AUDIT_COPY_NAME, README_FILE.toLowerCase(), MANIFEST_FILE]);
/** A text file larger than this cannot be searched for seeds within the budget, so it counts against the stick. */
export const TEXT_SCAN_LIMIT = 8 * 1024 * 1024;

/**
 * One ordinary file met in the medium scanner's walk, recognised by its content: a KeePass file (kept as a
 * candidate), something named like one, Strongroom's paper seed backup PDF, a plain-text KeePass export, or a
 * text file holding a seed. See platform/medium-scanner for the rules.
 */
export async function inspectFile(walk: PartitionWalk, path: string, labelFolder: string | null, findings: MediumFinding[], candidates: KeePassCandidate[]): Promise<void> {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const inLabelFolder = labelFolder !== null && path === `${labelFolder}/${name}`;
  if (inLabelFolder && name.toLowerCase() === MANIFEST_FILE) return; // read as the label already
  const unreadable = (error: unknown) => findings.push({ partition: walk.ref, path, kind: 'unreadable', role: null, detail: shortProblem(error) });

  let head: { bytes: Uint8Array; size: number };
  try {
    head = await readStickFileHead(walk.root, path, HEAD_BYTES);
    walk.countBytes(head.bytes.length);
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    unreadable(error);
    return;
  }
  const format = keePassFormatOf(head.bytes);
  if (format !== null) {
    await addKeePassCandidate(walk, path, format, head, inLabelFolder ? labelFolder : null, candidates, unreadable);
    return;
  }
  if (/\.kdbx|\.kdb$/i.test(name) && temporaryArtefactTarget(name) === null) {
    // Perhaps a damaged database, perhaps something disguised as one: either way a custodian should look.
    findings.push({ partition: walk.ref, path, kind: 'kdbx', role: null, detail: 'named like a KeePass file but not one' });
    return;
  }
  if (startsWith(head.bytes, '%PDF-')) {
    if (head.size > STICK_FILE_CAPS.document) return; // not a document Strongroom wrote; PDF text is not searched
    const bytes = await readWhole(walk, path, 'document', unreadable);
    if (bytes && isPaperSeedBackupPdf(bytes)) {
      findings.push({ partition: walk.ref, path, kind: 'plaintext-seeds', role: 'seed', detail: 'a Strongroom paper seed backup (PDF)' });
    }
    return;
  }
  if (decodeTextFile(head.bytes) === null) return; // binary: no text layout to search
  if (head.size > TEXT_SCAN_LIMIT) {
    findings.push({ partition: walk.ref, path, kind: 'unreadable', role: null, detail: `a text file larger than ${TEXT_SCAN_LIMIT / (1024 * 1024)} MiB, too large to search for seeds` });
    return;
  }
  const bytes = head.size <= head.bytes.length ? head.bytes : await readWhole(walk, path, 'artefact', unreadable, TEXT_SCAN_LIMIT);
  if (!bytes) return;
  // Strongroom's own label files carry device serials and hashes that the seed-like-value rule cannot tell from
  // seeds, and Strongroom never writes a seed into them; they (and the writer's temporary copies of them) get the
  // strong rules only, so an otpauth link or a paper seed line in them is still found.
  const labelFileName = (temporaryArtefactTarget(name) ?? name).toLowerCase();
  const ownLabelFile = inLabelFolder && LABEL_TEXT_FILES.has(labelFileName);
  const verdict = textVerdict(bytes, ownLabelFile);
  if (verdict === null) return;
  if (verdict.keePassExport) {
    findings.push({ partition: walk.ref, path, kind: 'kdbx', role: null, detail: verdict.keePassExport });
    return;
  }
  const evidence = verdict.evidence;
  if (evidence) findings.push({ partition: walk.ref, path, kind: 'plaintext-seeds', role: 'seed', detail: evidence.description });
}

/** What a text file's content says: a plain-text KeePass export, evidence of a seed, or neither. */
interface TextVerdict {
  readonly keePassExport: string | null;
  readonly evidence: PlaintextSeedEvidence | null;
}

/**
 * Verdicts on text already searched in this process, by a SHA-256 of the bytes and the rules applied. The search
 * is a pure function of those two, so the same bytes get the same verdict without searching again: the audit copy
 * every stick carries is the same file on each replica, and a write job's checks meet it several times. Bounded,
 * oldest first out; it holds verdicts and digests, never a file's text.
 */
const verdicts = new Map<string, TextVerdict | null>();
const MAX_VERDICTS = 64;

function textVerdict(bytes: Uint8Array, strongRulesOnly: boolean): TextVerdict | null {
  const key = `${strongRulesOnly ? 'strong' : 'all'}:${sha256Hex(bytes)}`;
  if (verdicts.has(key)) return verdicts.get(key)!;
  const text = decodeTextFile(bytes);
  const keePassExport = text === null ? null : findPlaintextKeePassExport(text);
  const verdict = text === null ? null : { keePassExport, evidence: keePassExport ? null : findPlaintextSeed(text, { strongRulesOnly }) };
  if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(key, verdict);
  return verdict;
}

async function readWhole(
  walk: PartitionWalk,
  path: string,
  kind: 'artefact' | 'document',
  unreadable: (error: unknown) => void,
  maxBytes?: number,
): Promise<Uint8Array | null> {
  try {
    const bytes = await readStickFile(walk.root, path, kind, maxBytes === undefined ? {} : { maxBytes });
    walk.countBytes(bytes.length);
    return bytes;
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    unreadable(error);
    return null;
  }
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  return text.split('').every((ch, i) => bytes[i] === ch.charCodeAt(0));
}
