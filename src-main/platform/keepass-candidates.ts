import { KDBX_HEADER_READ_LIMIT, readKdbxPublicHeader, type KdbxPublicHeader } from '../artefacts/kdbx-public-header';
import { parseArtefactFileName } from '../core/artefact-files';
import { isStrongroomError, ErrorCode } from '../core/errors';
import type { MediumManifest, MediumRole } from '../core/medium-manifest';
import type { MediumFinding, PartitionRef } from '../core/separation-policy';
import { sha256Hex } from '../core/sha256';
import { temporaryArtefactTarget } from './atomic-file-writer';
import { BudgetExceeded, type PartitionWalk } from './partition-walk';
import { STICK_FILE_CAPS, readStickFile } from './stick-files';

/**
 * KeePass files the medium scanner finds (platform/medium-scanner), read whole and hashed during the walk, then
 * judged once every label on the device is known: an artefact of a role by its content, or foreign.
 */

/** A generation this kiosk wrote, by content: enough to recognise it on any stick without trusting its name. */
export interface KnownArtefact {
  readonly sha256: string;
  readonly role: MediumRole;
  /** e.g. "seeds.kdbx generation 7", for the finding's detail. */
  readonly words: string;
}

/** A Strongroom label found on a partition, with the label folder it was in. */
export type FoundLabel = { partition: PartitionRef; manifest: MediumManifest; folder: string };

/** A KeePass file found during the walk, judged once every manifest on the device is known. */
export interface KeePassCandidate {
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

export async function addKeePassCandidate(
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
  candidates.push({ ...base, header, sha256: sha256Hex(bytes), tooLarge: false });
}

const FORMAT_WORDS = { kdb: 'a KeePass 1.x database', 'kdbx-prerelease': 'a KeePass 2 pre-release database' } as const;

/** Whether a KeePass file is an artefact of a role (by its content) or foreign; see the module comment. */
export function judgeKeePassFile(
  candidate: KeePassCandidate,
  manifests: readonly FoundLabel[],
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
