import { locationSentence, mediumIdOf, stickRoleOf } from '../core/custody-vocabulary';
import { describeIdentity } from '../core/device-identity';
import { ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import type { MediumCardView, RoleFitness } from '../contract/media-views';
import type { SeparationDecision } from '../core/separation-policy';
import type { InsertedMedium } from './inserted-medium';

/**
 * One inserted stick as the Media screen and `strongroom drives` show it. `decide` is the media desk's separation
 * decision from a fresh scan, passed in so this view never imports the desk that builds it.
 */
export function toMediumCardView(medium: InsertedMedium, decide: (medium: InsertedMedium, role: MediumRole) => SeparationDecision, catalog: Catalog): MediumCardView {
  const { drive, manifest, catalogRecord } = medium;
  const role = stickRoleOf(medium);
  const mediumId = mediumIdOf(medium);
  const artefact = role ? ROLE_ARTEFACT[role] : null;
  const known = catalogRecord !== null && catalogRecord.mediumId === mediumId;
  // What the stick holds now (its current generation), not the last write recorded, which a prune may have outlived.
  const current = known && mediumId && artefact ? catalog.generations.currentOf(mediumId, artefact) : undefined;
  const lastWrite = current ? { artefact: current.artefact, generation: current.generation, writtenAt: current.writtenAt, writtenBy: current.writtenBy } : undefined;
  const verified = known && mediumId ? catalog.media.latestVerification(mediumId) : undefined;
  const fitness = (wanted: MediumRole): RoleFitness => {
    const decision = decide(medium, wanted);
    return {
      allowed: decision.verdict === 'allowed',
      reasons: decision.verdict === 'refused' ? decision.reasons.map((r) => r.why) : [],
      warnings: decision.warnings.map((w) => w.why),
    };
  };
  return {
    devicePath: drive.devicePath,
    model: drive.model,
    vendor: drive.vendor,
    sizeBytes: drive.sizeBytes,
    identity: { value: drive.identity.value, source: drive.identity.source, words: describeIdentity(drive.identity) },
    transport: drive.transport,
    readOnly: drive.readOnly,
    practice: drive.practice,
    allowedBy: drive.allowedBy,
    partitions: drive.partitions.map((p) => ({
      number: p.number,
      devicePath: p.devicePath,
      filesystem: p.filesystem,
      label: p.label,
      sizeBytes: p.sizeBytes,
      mountpoints: p.mountpoints,
    })),
    label:
      manifest && role
        ? {
            mediumId: manifest.mediumId,
            role,
            location: manifest.location,
            kept: locationSentence(manifest.location),
            createdBy: manifest.createdBy,
            createdAt: manifest.createdAt,
            knownToCatalog: catalogRecord?.mediumId === manifest.mediumId,
          }
        : null,
    lastWrite: lastWrite
      ? { artefact: lastWrite.artefact, generation: lastWrite.generation, writtenAt: lastWrite.writtenAt, writtenBy: lastWrite.writtenBy }
      : null,
    generations: known && mediumId && artefact ? catalog.generations.filesOf(mediumId, artefact).map((f) => ({ generation: f.generation, state: f.state })) : [],
    lastSealedAt: known && mediumId ? catalog.seals.latest(mediumId)?.sealedAt ?? null : null,
    newestGeneration: artefact ? catalog.generations.newestPublished(artefact) : 0,
    lastVerifiedAt: mediumId ? catalog.media.lastVerifiedAt(mediumId) : null,
    lastVerification: verified
      ? { outcome: verified.outcome, at: verified.verifiedAt, unmet: verified.checks.filter((c) => c.status !== 'passed').map((c) => c.sentence) }
      : null,
    canTake: { vault: fitness('vault'), seed: fitness('seed') },
  };
}
