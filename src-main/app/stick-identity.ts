import { roleFit } from '../core/custody-vocabulary';
import { describeIdentity } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';
import { compareStickIdentity, type IdentityComparison } from '../core/medium-identity';
import { MEDIUM_LIFECYCLE_WORDS } from '../core/medium-lifecycle';
import type { MediumManifest, MediumRole } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import type { InsertedMedium } from './inserted-medium';

/**
 * The one check that a stick is what it says: labelled for this role, and known to this kiosk's catalog as this
 * very device and in service. A copied label, a swapped stick or a stick reported lost that turned up again is
 * refused here, whoever asks (a write, a strict read, a document saved).
 */
export function requireLabelledStick(catalog: Catalog, medium: InsertedMedium, role: MediumRole): MediumManifest {
  const manifest = medium.manifest;
  if (!manifest && medium.catalogRecord) {
    // The catalog knows this device: a label gone or damaged is a fault of a known stick, not a new stick.
    const why = compareWithCatalog(catalog, medium).disagreements[0]?.sentence ?? '';
    throw new StrongroomError(ErrorCode.MediumManifestInvalid, `${why} Do not write to it: verify ${medium.catalogRecord.mediumId} first.`, { mediumId: medium.catalogRecord.mediumId });
  }
  if (!manifest || !medium.home) {
    throw new StrongroomError(ErrorCode.MediumNotLabelled, `This stick is not labelled yet. Label it as a ${role} medium first.`);
  }
  if (roleFit(manifest.role, role) !== 'fit') {
    throw new StrongroomError(ErrorCode.SeparationRefused, `This stick is ${manifest.role} medium ${manifest.mediumId}; it never takes ${role === 'vault' ? 'the vault' : 'seeds'}. Use a ${role} stick.`, {
      mediumId: manifest.mediumId,
    });
  }
  const record = medium.catalogRecord;
  if (record && record.mediumId === manifest.mediumId) return manifest;
  const retired = record ? undefined : catalog.media.findRetiredByIdentity(medium.drive.identity);
  if (retired && retired.mediumId === manifest.mediumId && retired.lifecycle !== 'active') {
    throw new StrongroomError(
      ErrorCode.MediumNotInService,
      `This stick is ${retired.mediumId}, ${retired.lifecycle === 'lost' ? 'reported lost' : MEDIUM_LIFECYCLE_WORDS[retired.lifecycle]} on ${retired.retiredAt?.slice(0, 10) ?? 'an earlier date'}${retired.lifecycleReason ? ` (${retired.lifecycleReason})` : ''}. Do not use it; tell your security lead it turned up.`,
      { mediumId: retired.mediumId },
    );
  }
  const disagreements = compareWithCatalog(catalog, medium).disagreements.map((d) => d.sentence);
  throw new StrongroomError(
    ErrorCode.MediumUnknownToCatalog,
    `The stick says it is ${manifest.mediumId}, but this kiosk's catalog does not know it as this device (${describeIdentity(medium.drive.identity)})${disagreements.length ? `: ${disagreements.join(' ')}` : '.'} It may be a copy or a swapped stick: do not use it, and tell your security lead.`,
    { mediumId: manifest.mediumId },
  );
}

/** The stick's label, the device it is and the catalog's records of both, compared (core/medium-identity). */
export function compareWithCatalog(catalog: Catalog, medium: InsertedMedium): IdentityComparison {
  const manifest = medium.manifest;
  const labelProblem = medium.scan.findings.find((f) => f.kind === 'manifest' && f.role === null)?.detail ?? null;
  const byLabelId = manifest ? (catalog.media.get(manifest.mediumId) ?? null) : null;
  return compareStickIdentity({
    label: manifest ? { mediumId: manifest.mediumId, role: manifest.role, device: manifest.device } : null,
    labelProblem,
    device: medium.drive.identity,
    byDevice: medium.catalogRecord,
    byLabelId,
  });
}

/**
 * What break-glass tells the custodian about a stick that is not what it says (it reads any stick of the role,
 * in an emergency, but says so): each disagreement between the stick, its label and the catalog.
 */
export function identityWarnings(catalog: Catalog, medium: InsertedMedium): string[] {
  const { disagreements } = compareWithCatalog(catalog, medium);
  return disagreements.map((d) => `${d.sentence} It may be a copy or a swapped stick: check it, and verify it after this emergency.`);
}
