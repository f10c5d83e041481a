import { describeIdentity, type DeviceIdentity } from './device-identity';
import { ErrorCode, StrongroomError } from './errors';
import { MEDIUM_DIR, otherRole, type MediumRole } from './medium-manifest';

/**
 * The separation invariant in one place: a physical device (every partition of it) never holds both a vault
 * artefact and a seed artefact. Whoever holds the vault alone, or the seeds alone, must not be able to log in.
 *
 * The decision rests on what a scan of the device found, not only on the catalog: a stick can be written on
 * another machine, relabelled, or carry a forgotten backup. Anything the scan could not prove clean counts
 * against the stick. Called when a medium is labelled and again immediately before every write.
 */

export interface PartitionRef {
  readonly devicePath: string;
  /** 1-based; 0 for a filesystem on the whole device without a partition table. */
  readonly number: number;
  readonly label: string | null;
  /** Where it was scanned; null when it is not mounted. */
  readonly mountpoint: string | null;
}

export type FindingKind =
  /** STRONGROOM/medium.json; role null when it cannot be parsed (or is a second label on the partition). */
  | 'manifest'
  /**
   * A KeePass database (by signature or by name) or a plain-text KeePass export. Role is the stick's own role
   * only for its own listed artefact; null for every other one, whatever its header claims.
   */
  | 'kdbx'
  /** MFA seeds in plain text, recognised by content (core/plaintext-seeds); role is always 'seed'. */
  | 'plaintext-seeds'
  /** A link, device node, pipe or mounted filesystem inside the partition: reported, never followed. */
  | 'not-followed'
  /** A partition the scan could not look into, or not to the end (not mounted, over the scan budget). */
  | 'partition-not-checked'
  /** A folder or file on a mounted partition that could not be read (or is too large to search). */
  | 'unreadable';

export interface MediumFinding {
  readonly partition: PartitionRef;
  /** Relative to the partition root with forward slashes ('STRONGROOM/vault.kdbx'); null for a whole partition. */
  readonly path: string | null;
  readonly kind: FindingKind;
  readonly role: MediumRole | null;
  /** Medium id of a manifest, why a partition was not checked, why a file was unreadable. */
  readonly detail?: string;
}

/** What the catalog says this device identity was labelled as, if anything. */
export interface CatalogRecordForDevice {
  readonly role: MediumRole;
  readonly mediumId: string;
}

export interface SeparationInput {
  readonly wantedRole: MediumRole;
  readonly identity: DeviceIdentity;
  /** Every finding from scanning every partition of the device. */
  readonly findings: readonly MediumFinding[];
  readonly catalog: CatalogRecordForDevice | null;
}

export interface SeparationReason {
  readonly partition: PartitionRef | null;
  readonly path: string | null;
  readonly why: string;
}

export type SeparationDecision =
  | { readonly verdict: 'allowed'; readonly warnings: readonly SeparationReason[] }
  | { readonly verdict: 'refused'; readonly reasons: readonly SeparationReason[]; readonly warnings: readonly SeparationReason[] };

export function decideSeparation(input: SeparationInput): SeparationDecision {
  const { wantedRole } = input;
  const forbidden = otherRole(wantedRole);
  const reasons: SeparationReason[] = [];
  const warnings: SeparationReason[] = [];
  const differentStick = `Use a different stick for ${wantedRole === 'vault' ? 'the vault' : 'seeds'}.`;

  if (input.catalog !== null && input.catalog.role === forbidden) {
    reasons.push({
      partition: null,
      path: null,
      why: `The catalog records this stick (${describeIdentity(input.identity)}) as ${input.catalog.role} medium ${input.catalog.mediumId}. ${differentStick}`,
    });
  }

  for (const f of input.findings) {
    const where = describePartition(f.partition.number);
    const at = (what: string): SeparationReason => ({ partition: f.partition, path: f.path, why: what });
    switch (f.kind) {
      case 'manifest':
        if (f.role === forbidden) {
          reasons.push(at(`This stick already holds ${roleNoun(forbidden)} on ${where} (${f.path}${f.detail ? `, medium ${f.detail}` : ''}). ${differentStick}`));
        } else if (f.role === null) {
          reasons.push(
            at(`${capital(where)} has a Strongroom label (${f.path}) that cannot be read${f.detail ? ` (${f.detail})` : ''}; it may belong to a vault or a seed medium. Have a custodian check this stick before using it.`),
          );
        }
        break;
      case 'kdbx':
        if (f.role === forbidden) {
          reasons.push(at(`This stick already holds a ${forbidden} file on ${where} (${f.path}). ${differentStick}`));
        } else if (f.role === null) {
          reasons.push(
            at(
              `${capital(where)} holds a KeePass file that is not this stick's own artefact (${f.path}${f.detail ? `: ${f.detail}` : ''}); it could hold passwords or seeds. ` +
                'Move it to where it belongs or delete it with a second custodian watching, then try again.',
            ),
          );
        }
        break;
      case 'plaintext-seeds':
        if (wantedRole === 'vault') {
          reasons.push(
            at(
              `${capital(where)} holds MFA seeds in plain text (${f.path}${f.detail ? `: ${f.detail}` : ''}). A vault stick must never carry seeds: take the file off this stick (or destroy the stick) and try again.`,
            ),
          );
        } else {
          warnings.push(
            at(`${capital(where)} holds MFA seeds in plain text (${f.path}${f.detail ? `: ${f.detail}` : ''}). Keep this stick sealed, and delete the file once it is no longer needed.`),
          );
        }
        break;
      case 'not-followed':
        if (isInLabelFolder(f.path)) {
          // The label folder and what is in it are where Strongroom writes: a link there could send a write to the kiosk.
          reasons.push(
            at(`${f.path} on ${where} is not an ordinary file or folder (${f.detail ?? 'not followed'}). Strongroom never follows links on a stick, and will not use one whose STRONGROOM folder holds one. Have a custodian check this stick.`),
          );
        } else {
          warnings.push(at(`${f.path} on ${where} was not looked into (${f.detail ?? 'not followed'}).`));
        }
        break;
      case 'partition-not-checked':
        reasons.push(
          at(`${capital(where)} could not be checked${f.detail ? ` (${f.detail})` : ''}, so Strongroom cannot prove it holds no ${forbidden === 'vault' ? 'vault' : 'seeds'}. Mount it, or reformat the stick as a single partition, then try again.`),
        );
        break;
      case 'unreadable':
        reasons.push(
          at(`Strongroom could not read ${f.path ?? 'the files'} on ${where}${f.detail ? ` (${f.detail})` : ''}, so it cannot prove the stick holds no ${forbidden === 'vault' ? 'vault' : 'seeds'}. Check the stick on the kiosk again or use a different stick.`),
        );
        break;
    }
  }
  return reasons.length === 0 ? { verdict: 'allowed', warnings } : { verdict: 'refused', reasons, warnings };
}

/** The error an app use case throws when the policy refuses; the message lists every reason. */
export function separationRefusedError(wantedRole: MediumRole, decision: SeparationDecision): StrongroomError {
  const reasons = decision.verdict === 'refused' ? decision.reasons : [];
  const lines = reasons.map((r) => r.why);
  return new StrongroomError(
    ErrorCode.SeparationRefused,
    `Strongroom will not use this stick for ${wantedRole === 'vault' ? 'the vault' : 'seeds'}. ${lines.join(' ')}`.trim(),
    { wantedRole, reasonCount: reasons.length },
  );
}

/** STRONGROOM itself, or anything below it, in any letter case. */
function isInLabelFolder(path: string | null): boolean {
  return path !== null && path.split('/')[0]?.toUpperCase() === MEDIUM_DIR;
}

/** "partition 1", or "the whole stick" for a filesystem without a partition table. */
export function describePartition(number: number): string {
  return number === 0 ? 'the stick (no partition table)' : `partition ${number}`;
}

function roleNoun(role: MediumRole): string {
  return role === 'vault' ? 'a vault' : 'seeds';
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
