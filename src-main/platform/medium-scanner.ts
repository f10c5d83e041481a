import type { Dirent } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceIdentity } from '../core/device-identity';
import { isStrongroomError, ErrorCode } from '../core/errors';
import { MANIFEST_FILE, MEDIUM_DIR, safeParseMediumManifest, type MediumManifest } from '../core/medium-manifest';
import type { MediumFinding, PartitionRef } from '../core/separation-policy';
import type { DriveInfo, PartitionInfo } from './drive-enumerator';
import { judgeKeePassFile, type FoundLabel, type KeePassCandidate, type KnownArtefact } from './keepass-candidates';
import { inspectFile } from './medium-file-inspection';
import { BudgetExceeded, DEFAULT_SCAN_BUDGET, PartitionWalk, shortProblem } from './partition-walk';
import { openStickDirectory, openStickRoot, readStickFile, type StickRoot } from './stick-files';

export type { KnownArtefact } from './keepass-candidates';
export { TEXT_SCAN_LIMIT } from './medium-file-inspection';
export { DEFAULT_SCAN_BUDGET } from './partition-walk';

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
 *
 * Its parts: the walk's budget (platform/partition-walk), each file's inspection (platform/medium-file-inspection)
 * and the judgement of KeePass files (platform/keepass-candidates).
 */

const MAX_DEPTH = 64;

export interface MediumScan {
  readonly devicePath: string;
  readonly identity: DeviceIdentity;
  readonly findings: readonly MediumFinding[];
  /** Manifests that parsed, with where they were found: the app compares them with the catalog. */
  readonly manifests: readonly { readonly partition: PartitionRef; readonly manifest: MediumManifest }[];
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

export async function scanDevice(drive: Pick<DriveInfo, 'devicePath' | 'identity' | 'partitions'>, options: ScanOptions = {}): Promise<MediumScan> {
  const findings: MediumFinding[] = [];
  const manifests: FoundLabel[] = [];
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
  manifests: FoundLabel[],
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

/** The label folders at the partition root (STRONGROOM in any case) and their medium.json. Returns the one in use. */
async function readLabel(
  walk: PartitionWalk,
  top: readonly Dirent[],
  findings: MediumFinding[],
  manifests: FoundLabel[],
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

