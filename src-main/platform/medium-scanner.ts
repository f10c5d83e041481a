import type { Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KDBX_HEADER_READ_LIMIT, isKdbxSignature, readKdbxPublicHeader } from '../artefacts/kdbx-public-header';
import type { DeviceIdentity } from '../core/device-identity';
import {
  MANIFEST_FILE,
  MEDIUM_DIR,
  ROLE_ARTEFACT,
  safeParseMediumManifest,
  type MediumManifest,
  type MediumRole,
} from '../core/medium-manifest';
import type { MediumFinding, PartitionRef } from '../core/separation-policy';
import { temporaryArtefactTarget } from './atomic-file-writer';
import type { DriveInfo, PartitionInfo } from './drive-enumerator';

/**
 * Looks at every partition of one physical device for anything that decides which role the device may take:
 * Strongroom labels, KeePass files of either role (or of no known role), and plaintext seed exports. It reports
 * what it finds and what it could not look at; core/separation-policy decides.
 *
 * Only the top two directory levels are searched (the partition root and the folders in it): deep enough for
 * STRONGROOM/ and for a backup someone dropped in a folder, shallow enough to finish quickly on a full stick.
 * Files are recognised by name AND by the KDBX signature, so a vault renamed to "notes.dat" is still found.
 */

/** The header row of the seed CSV export, compared without case and spaces. */
const SEED_CSV_HEADER = 'account#,accountname,accountemail,mfaseed';
const MANIFEST_READ_LIMIT = 1024 * 1024;
const CSV_HEAD_BYTES = 4096;
const DEFAULT_MAX_ENTRIES = 5000;

export interface MediumScan {
  readonly devicePath: string;
  readonly identity: DeviceIdentity;
  readonly findings: readonly MediumFinding[];
  /** Manifests that parsed, with where they were found: the app compares them with the catalog. */
  readonly manifests: readonly { readonly partition: PartitionRef; readonly manifest: MediumManifest }[];
}

export interface ScanOptions {
  /** Directory entries looked at per partition before giving up (a stick with more cannot be proven clean). */
  readonly maxEntriesPerPartition?: number;
}

export async function scanDevice(
  drive: Pick<DriveInfo, 'devicePath' | 'identity' | 'partitions'>,
  options: ScanOptions = {},
): Promise<MediumScan> {
  const findings: MediumFinding[] = [];
  const manifests: { partition: PartitionRef; manifest: MediumManifest }[] = [];
  for (const partition of drive.partitions) {
    await scanPartition(partition, options.maxEntriesPerPartition ?? DEFAULT_MAX_ENTRIES, findings, manifests);
  }
  return { devicePath: drive.devicePath, identity: drive.identity, findings, manifests };
}

async function scanPartition(
  partition: PartitionInfo,
  maxEntries: number,
  findings: MediumFinding[],
  manifests: { partition: PartitionRef; manifest: MediumManifest }[],
): Promise<void> {
  const root = await firstUsableMountpoint(partition.mountpoints);
  const ref: PartitionRef = {
    devicePath: partition.devicePath,
    number: partition.number,
    label: partition.label,
    mountpoint: root.path,
  };
  if (root.path === null) {
    const detail =
      partition.mountpoints.length > 0
        ? `its mount point ${partition.mountpoints[0]} cannot be opened: ${root.problem}`
        : partition.filesystem === null
          ? 'it has no filesystem the kiosk can read'
          : `it is not mounted (${partition.filesystem})`;
    findings.push({ partition: ref, path: null, kind: 'partition-not-checked', role: null, detail });
    return;
  }

  let budget = maxEntries;
  const top = await listDir(root.path);
  if (!top.ok) {
    findings.push({ partition: ref, path: '', kind: 'unreadable', role: null, detail: top.problem });
    return;
  }
  for (const entry of top.entries) {
    if (--budget < 0) break;
    if (entry.isDirectory()) {
      const inner = await listDir(join(root.path, entry.name));
      if (!inner.ok) {
        findings.push({ partition: ref, path: entry.name, kind: 'unreadable', role: null, detail: inner.problem });
        continue;
      }
      for (const child of inner.entries) {
        if (--budget < 0) break;
        if (!child.isFile()) continue;
        const relative = `${entry.name}/${child.name}`;
        if (entry.name.toUpperCase() === MEDIUM_DIR && child.name.toLowerCase() === MANIFEST_FILE) {
          await inspectManifest(root.path, relative, ref, findings, manifests);
        } else {
          await inspectFile(root.path, relative, child.name, ref, findings);
        }
      }
    } else if (entry.isFile()) {
      await inspectFile(root.path, entry.name, entry.name, ref, findings);
    }
  }
  if (budget < 0) {
    findings.push({
      partition: ref,
      path: null,
      kind: 'partition-not-checked',
      role: null,
      detail: `it holds more than ${maxEntries} files and folders at the top two levels`,
    });
  }
}

async function inspectManifest(
  root: string,
  relative: string,
  partition: PartitionRef,
  findings: MediumFinding[],
  manifests: { partition: PartitionRef; manifest: MediumManifest }[],
): Promise<void> {
  const read = await readHead(join(root, relative), MANIFEST_READ_LIMIT);
  if (!read.ok) {
    findings.push({ partition, path: relative, kind: 'unreadable', role: null, detail: read.problem });
    return;
  }
  const parsed = safeParseMediumManifest(Buffer.from(read.bytes).toString('utf8'));
  if (parsed.ok) {
    manifests.push({ partition, manifest: parsed.manifest });
    findings.push({ partition, path: relative, kind: 'manifest', role: parsed.manifest.role, detail: parsed.manifest.mediumId });
  } else {
    findings.push({ partition, path: relative, kind: 'manifest', role: null, detail: parsed.problem });
  }
}

async function inspectFile(
  root: string,
  relative: string,
  name: string,
  partition: PartitionRef,
  findings: MediumFinding[],
): Promise<void> {
  const namedKdbx = /\.kdbx/i.test(name);
  const namedCsv = /\.csv$/i.test(name);
  const head = await readHead(join(root, relative), namedCsv ? CSV_HEAD_BYTES : 8);
  if (!head.ok) {
    findings.push({ partition, path: relative, kind: 'unreadable', role: null, detail: head.problem });
    return;
  }
  const tempTarget = temporaryArtefactTarget(name);
  if (isKdbxSignature(head.bytes) || namedKdbx || tempTarget !== null) {
    const whole = await readHead(join(root, relative), KDBX_HEADER_READ_LIMIT);
    if (!whole.ok) {
      findings.push({ partition, path: relative, kind: 'unreadable', role: null, detail: whole.problem });
      return;
    }
    const header = readKdbxPublicHeader(whole.bytes);
    if (header.kdbx && header.role !== null) {
      findings.push({ partition, path: relative, kind: 'kdbx', role: header.role, detail: `KDBX ${header.version.major}.${header.version.minor}` });
      return;
    }
    // An interrupted write leaves a temp file that may end before the role in its header; the name says what it was.
    const fromTemp = tempTarget !== null ? roleOfArtefactName(tempTarget) : null;
    if (fromTemp !== null) {
      findings.push({ partition, path: relative, kind: 'kdbx', role: fromTemp, detail: 'left over from an interrupted write' });
      return;
    }
    if (header.kdbx || namedKdbx) {
      const detail = header.kdbx
        ? `KDBX ${header.version.major}.${header.version.minor} without a Strongroom role`
        : 'named like a KeePass file but not one';
      findings.push({ partition, path: relative, kind: 'kdbx', role: null, detail });
      return;
    }
  }
  if (namedCsv && isSeedCsvHeader(head.bytes)) {
    findings.push({ partition, path: relative, kind: 'seed-csv', role: 'seed' });
  }
}

/** Recognises the seed CSV export by its header row, whatever the case or spacing a spreadsheet gave it. */
export function isSeedCsvHeader(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.replace(/["'\s]/g, '').toLowerCase() === SEED_CSV_HEADER;
}

function roleOfArtefactName(name: string): MediumRole | null {
  if (name === ROLE_ARTEFACT.vault) return 'vault';
  if (name === ROLE_ARTEFACT.seed) return 'seed';
  return null;
}

async function firstUsableMountpoint(mountpoints: readonly string[]): Promise<{ path: string | null; problem: string }> {
  let problem = 'not mounted';
  for (const m of mountpoints) {
    try {
      if ((await stat(m)).isDirectory()) return { path: m, problem: '' };
      problem = 'not a folder';
    } catch (error) {
      problem = describeFsError(error);
    }
  }
  return { path: null, problem };
}

async function listDir(path: string): Promise<{ ok: true; entries: Dirent[] } | { ok: false; problem: string }> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return { ok: true, entries: entries.sort((a, b) => a.name.localeCompare(b.name)) };
  } catch (error) {
    return { ok: false, problem: describeFsError(error) };
  }
}

async function readHead(path: string, limit: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: string }> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(limit);
    let filled = 0;
    while (filled < limit) {
      const { bytesRead } = await handle.read(buffer, filled, limit - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return { ok: false, problem: describeFsError(error) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EIO':
      return 'read error: the stick may be failing or was pulled out';
    case 'ENOTCONN':
    case 'ENODEV':
    case 'ENXIO':
      return 'the stick is no longer connected';
    case 'ENOENT':
      return 'it disappeared while being read';
    default:
      return code ? `error ${code}` : 'unknown error';
  }
}
