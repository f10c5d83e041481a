import { describeIdentity, sameIdentity, type DeviceIdentity } from './device-identity';
import type { MediumRole } from './medium-manifest';

/**
 * Whether a stick is what it says: the label it carries (medium.json: id, role, device identity), the device it
 * is (what the OS reports now) and what this kiosk's catalog recorded when it labelled it. A copied label, a
 * swapped stick or a label edited by hand shows as a disagreement naming both sides, so verification can fail
 * the check with both in the sentence and break-glass can warn, instead of calling the stick "not labelled".
 */

export interface LabelOnStick {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly device: DeviceIdentity;
}

export interface CatalogMedium {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly identity: DeviceIdentity;
}

export interface IdentityEvidence {
  /** medium.json as read from the stick; null when there is none that reads. */
  readonly label: LabelOnStick | null;
  /** Why no label was read (damaged, a second label, a link…), when the scan saw one. */
  readonly labelProblem: string | null;
  /** The device as the OS reports it now. */
  readonly device: DeviceIdentity;
  /** The catalog's record of this very device, if any. */
  readonly byDevice: CatalogMedium | null;
  /** The catalog's record of the id the label names, if any. */
  readonly byLabelId: CatalogMedium | null;
}

export type IdentityField = 'label' | 'id' | 'role' | 'device';

export interface IdentityDisagreement {
  readonly field: IdentityField;
  /** What the stick says (its label, or the device it is). */
  readonly stick: string;
  /** What the catalog says. */
  readonly catalog: string;
  /** Both sides in one sentence, for a report or a warning. */
  readonly sentence: string;
}

export interface IdentityComparison {
  /**
   * The catalog record the stick is checked against: the one of this device when there is one (the physical
   * device is what was labelled), else the one the label names. Null when the catalog knows neither.
   */
  readonly record: CatalogMedium | null;
  readonly disagreements: readonly IdentityDisagreement[];
}

const ROLE_WORDS: Readonly<Record<MediumRole, string>> = { vault: 'a vault stick', seed: 'a seed stick' };

export function compareStickIdentity(evidence: IdentityEvidence): IdentityComparison {
  const { label, device } = evidence;
  const record = evidence.byDevice ?? evidence.byLabelId;
  const out: IdentityDisagreement[] = [];
  const add = (field: IdentityField, stick: string, catalog: string) => out.push({ field, stick, catalog, sentence: `${stick}; ${catalog}.` });
  if (!record) return { record: null, disagreements: [] };
  const known = `the catalog knows ${evidence.byDevice ? 'this device' : `${record.mediumId}`} as ${record.mediumId}, ${ROLE_WORDS[record.role]} (${describeIdentity(record.identity)})`;

  if (!label) {
    add('label', evidence.labelProblem ? `Its medium.json cannot be used (${evidence.labelProblem})` : 'It carries no medium.json', known);
    return { record, disagreements: out };
  }
  if (label.mediumId !== record.mediumId) {
    add('id', `medium.json on the stick says it is ${label.mediumId}`, known);
  }
  if (label.role !== record.role) {
    add('role', `medium.json on the stick says it is ${ROLE_WORDS[label.role]}`, `the catalog recorded ${record.mediumId} as ${ROLE_WORDS[record.role]}`);
  }
  if (!sameIdentity(label.device, device)) {
    add('device', `medium.json names the device ${describeIdentity(label.device)}, but this stick is ${describeIdentity(device)}`, `the catalog recorded ${record.mediumId} as ${describeIdentity(record.identity)}`);
  } else if (!sameIdentity(record.identity, device)) {
    add('device', `this stick is ${describeIdentity(device)}`, `the catalog recorded ${record.mediumId} as ${describeIdentity(record.identity)}: the label was copied or the stick swapped`);
  }
  return { record, disagreements: out };
}
