import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { KDBX_HEADER_READ_LIMIT, keePassFormatOf, readKdbxPublicHeader, type KdbxPublicHeader } from '../artefacts/kdbx-public-header';
import type { DeviceIdentity } from '../core/device-identity';
import { isStrongroomError, ErrorCode } from '../core/errors';
import { parseArtefactFileName } from '../core/artefact-files';
import {
  MANIFEST_FILE,
  MEDIUM_DIR,
  README_FILE,
  safeParseMediumManifest,
  type MediumManifest,
  type MediumRole,
} from '../core/medium-manifest';
import { decodeTextFile, findPlaintextKeePassExport, findPlaintextSeed, isPaperSeedBackupPdf } from '../core/plaintext-seeds';
import type { MediumFinding, PartitionRef } from '../core/separation-policy';
import { temporaryArtefactTarget } from './atomic-file-writer';
import type { DriveInfo, PartitionInfo } from './drive-enumerator';
import { STICK_FILE_CAPS, openStickDirectory, openStickRoot, readStickFile, readStickFileHead, type StickRoot } from './stick-files';

/**
 * Looks at every partition of one physical device for anything that decides which role the device may take:
 * Strongroom labels, KeePass files of any kind and any role, and plaintext seeds. It reports what it finds and
 * what it could not look at; core/separation-policy decides.
 *
 * The whole filesystem of each partition is walked, at any depth, without following links (a link, a device
 * node or another filesystem mounted inside is reported, never entered), every file read through the stick-file
 * primitives. A partition that holds more than the budget allows (entries, bytes read, time) is reported as not
 * checked: the policy then refuses, so a stick too full to search is never passed as clean.
 *
 * Every file is recognised by content, not by name:
 * - KeePass databases by their signature (KDBX 3/4, KeePass 1.x, the KeePass 2 pre-release format), or a name
 *   ending in .kdbx/.kdb, and plain-text KeePass exports. A KDBX is an artefact of a role only by its content:
 *   its SHA-256 is listed in a medium.json on the device with a header of that medium's role, or it is one this
 *   kiosk's catalog knows it wrote as that role's artefact (ScanOptions.knownArtefacts: a staged generation whose
 *   medium.json update was cut short, a generation the catalog holds for another stick) with a header of that
 *   role. Its name gives it nothing: a vault.kdbx in the label folder that is neither listed nor known is foreign,
 *   like any other KeePass file, whatever its header claims.
 * - The one exception is the writer's own temporary file (see temporaryArtefactTarget), which exists only while a
 *   write is under way or after one was cut short, holds a prefix of a generation and so has no hash anyone
 *   could know: directly in the label folder, becoming one of the label role's artefact files, with a header of
 *   that role or one cut short, it is reported as that role's (a leftover the next write removes before it
 *   checks the stick), never as a usable artefact. Anywhere else, or with another role in its header, it is
 *   foreign.
 * - plaintext seeds by core/plaintext-seeds, in any text file (UTF-8 or UTF-16), and Strongroom's own paper seed
 *   backup PDF by its metadata.
 */

const AUDIT_COPY_NAME = 'audit.jsonl';
const HEAD_BYTES = 8192;
/** Text files Strongroom itself keeps in the label folder (medium.json itself is read as the label). */
const LABEL_TEXT_FILES = new Set([AUDIT_COPY_NAME, README_FILE.toLowerCase(), MANIFEST_FILE]);
/** A text file larger than this cannot be searched for seeds within the budget, so it counts against the stick. */
export const TEXT_SCAN_LIMIT = 8 * 1024 * 1024;
const MAX_DEPTH = 64;

export const DEFAULT_SCAN_BUDGET = {
  /** Files, folders and other entries looked at per partition. */
  entries: 20_000,
  /** Bytes read per partition (KeePass files are read whole to hash them). */
  bytes: 512 * 1024 * 1024,
  /** Wall-clock time per partition. */
  millis: 30_000,
} as const;

export interface MediumScan {
  readonly devicePath: string;
  readonly identity: DeviceIdentity;
  readonly findings: readonly MediumFinding[];
  /** Manifests that parsed, with where they were found: the app compares them with the catalog. */
  readonly manifests: readonly { readonly partition: PartitionRef; readonly manifest: MediumManifest }[];
}

/** A generation this kiosk wrote, by content: enough to recognise it on any stick without trusting its name. */
export interface KnownArtefact {
  readonly sha256: string;
  readonly role: MediumRole;
  /** e.g. "seeds.kdbx generation 7", for the finding's detail. */
  readonly words: string;
}

export interface ScanOptions {
  /** Every artefact generation this kiosk's catalog knows it wrote; see the module comment. */
  readonly knownArtefacts?: readonly KnownArtefact[];
  /** Entries looked at per partition before giving up (a stick with more cannot be proven clean). */
  readonly maxEntriesPerPartition?: number;
  readonly maxBytesPerPartition?: number;
  readonly maxMillisPerPartition?: number;
  /** Milliseconds for the time budget; injected by tests. */
  readonly now?: () => number;
}

/** A KeePass file found during the walk, judged once every manifest on the device is known. */
interface KeePassCandidate {
  readonly partition: PartitionRef;
  readonly path: string;
  readonly format: 'kdbx' | 'kdb' | 'kdbx-prerelease' | null;
  readonly header: KdbxPublicHeader;
  readonly sha256: string | null;
  /** Why it could not be read whole, if so. */
  readonly tooLarge: boolean;
  /** Path of the label folder on its partition (e.g. "STRONGROOM"), or null when the partition has none. */
  readonly labelFolder: string | null;
}

class BudgetExceeded extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

class PartitionWalk {
  private entries = 0;
  private bytes = 0;
  private readonly started: number;

  constructor(
    readonly root: StickRoot,
    readonly ref: PartitionRef,
    private readonly budget: { entries: number; bytes: number; millis: number },
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  countEntry(): void {
    this.entries += 1;
    if (this.entries > this.budget.entries) throw new BudgetExceeded(`it holds more than ${this.budget.entries} files and folders`);
    if (this.now() - this.started > this.budget.millis) {
      throw new BudgetExceeded(`searching it took longer than ${Math.round(this.budget.millis / 1000)} seconds`);
    }
  }

  countBytes(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.budget.bytes) throw new BudgetExceeded(`it holds more than ${Math.round(this.budget.bytes / (1024 * 1024))} MiB of files to read`);
  }
}

export async function scanDevice(drive: Pick<DriveInfo, 'devicePath' | 'identity' | 'partitions'>, options: ScanOptions = {}): Promise<MediumScan> {
  const findings: MediumFinding[] = [];
  const manifests: { partition: PartitionRef; manifest: MediumManifest; folder: string }[] = [];
  const candidates: KeePassCandidate[] = [];
  const budget = {
    entries: options.maxEntriesPerPartition ?? DEFAULT_SCAN_BUDGET.entries,
    bytes: options.maxBytesPerPartition ?? DEFAULT_SCAN_BUDGET.bytes,
    millis: options.maxMillisPerPartition ?? DEFAULT_SCAN_BUDGET.millis,
  };
  for (const partition of drive.partitions) {
    await scanPartition(partition, budget, options.now ?? Date.now, findings, manifests, candidates);
  }
  const known = new Map((options.knownArtefacts ?? []).map((k) => [k.sha256, k] as const));
  findings.push(...candidates.map((candidate) => judgeKeePassFile(candidate, manifests, known)));
  return {
    devicePath: drive.devicePath,
    identity: drive.identity,
    findings: sortFindings(findings),
    manifests: manifests.map(({ partition, manifest }) => ({ partition, manifest })),
  };
}

function sortFindings(findings: MediumFinding[]): MediumFinding[] {
  return findings.sort((a, b) => a.partition.number - b.partition.number || (a.path ?? '').localeCompare(b.path ?? ''));
}

async function scanPartition(
  partition: PartitionInfo,
  budget: { entries: number; bytes: number; millis: number },
  now: () => number,
  findings: MediumFinding[],
  manifests: { partition: PartitionRef; manifest: MediumManifest; folder: string }[],
  candidates: KeePassCandidate[],
): Promise<void> {
  const opened = await firstUsableRoot(partition);
  const ref: PartitionRef = { devicePath: partition.devicePath, number: partition.number, label: partition.label, mountpoint: opened.root?.path ?? null };
  if (opened.root === null) {
    const detail =
      partition.mountpoints.length > 0
        ? `its mount point ${partition.mountpoints[0]} cannot be opened: ${opened.problem}`
        : partition.filesystem === null
          ? 'it has no filesystem the kiosk can read'
          : `it is not mounted (${partition.filesystem})`;
    findings.push({ partition: ref, path: null, kind: 'partition-not-checked', role: null, detail });
    return;
  }
  const walk = new PartitionWalk(opened.root, ref, budget, now);
  const local: MediumFinding[] = [];
  const localCandidates: KeePassCandidate[] = [];
  try {
    const top = await listFolder(walk, '', local);
    const labelFolder = await readLabel(walk, top, local, manifests);
    await walkFilesystem(walk, top, labelFolder, local, localCandidates);
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    // What was found before the budget ran out still counts; the partition as a whole is not proven clean.
    local.push({ partition: ref, path: null, kind: 'partition-not-checked', role: null, detail: error.why });
  }
  findings.push(...local);
  candidates.push(...localCandidates);
}

async function firstUsableRoot(partition: PartitionInfo): Promise<{ root: StickRoot | null; problem: string }> {
  let problem = 'not mounted';
  for (const mountpoint of partition.mountpoints) {
    try {
      return { root: await openStickRoot(mountpoint, `partition ${partition.number}`), problem: '' };
    } catch (error) {
      problem = isStrongroomError(error) && error.code === ErrorCode.MediumFileMissing ? 'it disappeared while being read' : shortProblem(error);
    }
  }
  return { root: null, problem };
}

/** A short phrase for a failed read, for a finding's detail. */
function shortProblem(error: unknown): string {
  if (isStrongroomError(error)) {
    switch (error.code) {
      case ErrorCode.MediumFileMissing:
        return 'it disappeared while being read';
      case ErrorCode.MediumLinkRefused:
        return 'it turned into a link while being read';
      case ErrorCode.MediumFileElsewhere:
        return 'it is on another filesystem';
      case ErrorCode.MediumFileNotRegular:
        return 'it is not an ordinary file';
      case ErrorCode.MediumFileTooLarge:
        return 'it is larger than anything Strongroom writes';
      case ErrorCode.MediumNotMounted:
        return 'not a folder';
      default:
        return /permission denied/.test(error.message) ? 'permission denied' : 'read error: the stick may be failing or was pulled out';
    }
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? `error ${code}` : 'unknown error';
}

/** The label folders at the partition root (STRONGROOM in any case) and their medium.json. Returns the one in use. */
async function readLabel(
  walk: PartitionWalk,
  top: readonly Dirent[],
  findings: MediumFinding[],
  manifests: { partition: PartitionRef; manifest: MediumManifest; folder: string }[],
): Promise<string | null> {
  const folders = top.filter((entry) => entry.name.toUpperCase() === MEDIUM_DIR);
  let used: string | null = null;
  for (const entry of folders) {
    if (!entry.isDirectory()) continue;
    const inner = await listFolder(walk, entry.name, findings);
    const file = inner.find((child) => child.name.toLowerCase() === MANIFEST_FILE);
    if (!file) continue;
    const relative = `${entry.name}/${file.name}`;
    if (used !== null) {
      findings.push({ partition: walk.ref, path: relative, kind: 'manifest', role: null, detail: `a second Strongroom label besides ${used}/${MANIFEST_FILE}` });
      continue;
    }
    used = entry.name;
    let bytes: Uint8Array;
    try {
      bytes = await readStickFile(walk.root, relative, 'manifest');
      walk.countBytes(bytes.length);
    } catch (error) {
      if (error instanceof BudgetExceeded) throw error;
      findings.push({ partition: walk.ref, path: relative, kind: 'manifest', role: null, detail: shortProblem(error) });
      continue;
    }
    const parsed = safeParseMediumManifest(Buffer.from(bytes).toString('utf8'));
    if (parsed.ok) {
      manifests.push({ partition: walk.ref, manifest: parsed.manifest, folder: entry.name });
      findings.push({ partition: walk.ref, path: relative, kind: 'manifest', role: parsed.manifest.role, detail: parsed.manifest.mediumId });
    } else {
      findings.push({ partition: walk.ref, path: relative, kind: 'manifest', role: null, detail: parsed.problem });
    }
  }
  return used;
}

/** Entries of one folder, sorted by name; a folder that cannot be listed is a finding and lists as empty. */
async function listFolder(walk: PartitionWalk, relative: string, findings: MediumFinding[]): Promise<Dirent[]> {
  const entries: Dirent[] = [];
  try {
    const dir = await openStickDirectory(walk.root, relative);
    try {
      for await (const entry of dir) {
        walk.countEntry();
        entries.push(entry);
      }
    } finally {
      await dir.close().catch(() => undefined);
    }
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    findings.push({ partition: walk.ref, path: relative, kind: 'unreadable', role: null, detail: shortProblem(error) });
    return [];
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function walkFilesystem(
  walk: PartitionWalk,
  top: readonly Dirent[],
  labelFolder: string | null,
  findings: MediumFinding[],
  candidates: KeePassCandidate[],
): Promise<void> {
  // Depth first, one folder at a time: the stack holds folders still to list, never whole listings.
  const stack: { relative: string; depth: number }[] = [{ relative: '', depth: 0 }];
  while (stack.length > 0) {
    const { relative, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) throw new BudgetExceeded(`its folders are nested more than ${MAX_DEPTH} deep`);
    const entries = relative === '' ? top : await listFolder(walk, relative, findings);
    const folders: string[] = [];
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const kind = await entryKind(walk, path, entry);
      if (kind === 'folder') folders.push(path);
      else if (kind === 'file') await inspectFile(walk, path, labelFolder, findings, candidates);
      else findings.push({ partition: walk.ref, path, kind: 'not-followed', role: null, detail: kind });
    }
    for (const folder of folders.reverse()) stack.push({ relative: folder, depth: depth + 1 });
  }
}

/** What an entry is, from lstat when the listing does not say: never following it. */
async function entryKind(walk: PartitionWalk, path: string, entry: Dirent): Promise<'folder' | 'file' | string> {
  let info;
  try {
    info = await lstat(join(walk.root.path, ...path.split('/')));
  } catch {
    return 'it disappeared while being read';
  }
  if (info.isSymbolicLink() || entry.isSymbolicLink()) return 'a link, not followed';
  if (info.isDirectory()) return info.dev === walk.root.device ? 'folder' : 'another filesystem is mounted here, not looked into';
  if (info.isFile()) return info.dev === walk.root.device ? 'file' : 'on another filesystem, not read';
  if (info.isFIFO()) return 'a named pipe, not read';
  if (info.isSocket()) return 'a socket, not read';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device node, not read';
  return 'not an ordinary file, not read';
}

async function inspectFile(walk: PartitionWalk, path: string, labelFolder: string | null, findings: MediumFinding[], candidates: KeePassCandidate[]): Promise<void> {
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
  const text = decodeTextFile(bytes);
  if (text === null) return;
  const keePassExport = findPlaintextKeePassExport(text);
  if (keePassExport) {
    findings.push({ partition: walk.ref, path, kind: 'kdbx', role: null, detail: keePassExport });
    return;
  }
  // Strongroom's own label files carry device serials and hashes that the seed-like-value rule cannot tell from
  // seeds, and Strongroom never writes a seed into them; they (and the writer's temporary copies of them) get the
  // strong rules only, so an otpauth link or a paper seed line in them is still found.
  const labelFileName = (temporaryArtefactTarget(name) ?? name).toLowerCase();
  const ownLabelFile = inLabelFolder && LABEL_TEXT_FILES.has(labelFileName);
  const evidence = findPlaintextSeed(text, { strongRulesOnly: ownLabelFile });
  if (evidence) findings.push({ partition: walk.ref, path, kind: 'plaintext-seeds', role: 'seed', detail: evidence.description });
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

async function addKeePassCandidate(
  walk: PartitionWalk,
  path: string,
  format: 'kdbx' | 'kdb' | 'kdbx-prerelease',
  head: { bytes: Uint8Array; size: number },
  labelFolder: string | null,
  candidates: KeePassCandidate[],
  unreadable: (error: unknown) => void,
): Promise<void> {
  const base = { partition: walk.ref, path, format, labelFolder };
  if (head.size > STICK_FILE_CAPS.artefact) {
    candidates.push({ ...base, header: readKdbxPublicHeader(head.bytes), sha256: null, tooLarge: true });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readStickFile(walk.root, path, 'artefact');
    walk.countBytes(bytes.length);
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    if (isStrongroomError(error) && error.code === ErrorCode.MediumFileTooLarge) {
      candidates.push({ ...base, header: readKdbxPublicHeader(head.bytes), sha256: null, tooLarge: true });
    } else unreadable(error);
    return;
  }
  const header = readKdbxPublicHeader(bytes.subarray(0, KDBX_HEADER_READ_LIMIT));
  candidates.push({ ...base, header, sha256: createHash('sha256').update(bytes).digest('hex'), tooLarge: false });
}

const FORMAT_WORDS = { kdb: 'a KeePass 1.x database', 'kdbx-prerelease': 'a KeePass 2 pre-release database' } as const;

/** Whether a KeePass file is an artefact of a role (by its content) or foreign; see the module comment. */
function judgeKeePassFile(
  candidate: KeePassCandidate,
  manifests: readonly { partition: PartitionRef; manifest: MediumManifest; folder: string }[],
  known: ReadonlyMap<string, KnownArtefact>,
): MediumFinding {
  const { partition, path, header } = candidate;
  const foreign = (detail: string): MediumFinding => ({ partition, path, kind: 'kdbx', role: null, detail });
  if (candidate.format !== 'kdbx') return foreign(FORMAT_WORDS[candidate.format ?? 'kdb']);
  if (!header.kdbx) return foreign('damaged KeePass signature');
  const version = `KDBX ${header.version.major}.${header.version.minor}`;
  if (candidate.tooLarge) return foreign(`${version}, larger than any Strongroom artefact`);
  const claimed = header.headerComplete ? header.role : null;

  for (const { manifest } of manifests) {
    const listed = manifest.artefacts.find((artefact) => artefact.sha256 === candidate.sha256);
    if (listed && claimed === manifest.role) {
      return { partition, path, kind: 'kdbx', role: manifest.role, detail: `${version}, listed in ${manifest.mediumId}'s medium.json as ${listed.name} generation ${listed.generation}` };
    }
  }
  const written = candidate.sha256 === null ? undefined : known.get(candidate.sha256);
  if (written && claimed === written.role) {
    return { partition, path, kind: 'kdbx', role: written.role, detail: `${version}, ${written.words} as this kiosk wrote it` };
  }
  const label = candidate.labelFolder === null ? undefined : manifests.find((m) => m.partition.number === partition.number && m.folder === candidate.labelFolder);
  const becoming = label ? leftoverRole(path.slice(path.lastIndexOf('/') + 1)) : null;
  if (label && becoming === label.manifest.role && (claimed === becoming || !header.headerComplete)) {
    return { partition, path, kind: 'kdbx', role: becoming, detail: 'left by an interrupted write (removed before the next write)' };
  }
  return foreign(claimed ? `${version}; its header says ${claimed}, but it is not an artefact listed on this stick or written by this kiosk` : `${version} without a Strongroom role`);
}

/** For the writer's temporary file, the role of the artefact file (current, history or staged) it was becoming. */
function leftoverRole(name: string): MediumRole | null {
  const target = temporaryArtefactTarget(name);
  return target === null ? null : (parseArtefactFileName(target)?.role ?? null);
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  return text.split('').every((ch, i) => bytes[i] === ch.charCodeAt(0));
}
