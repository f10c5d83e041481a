import { openSeedFile } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { locationSentence, mediumName, ROLE_FACTS, roleFit, stickRoleOf } from '../core/custody-vocabulary';
import { ErrorCode, StrongroomError } from '../core/errors';
import { sha256Hex } from '../core/sha256';
import { ROLE_ARTEFACT } from '../core/medium-manifest';
import { AWS_OTP_ISSUER, buildOtpauthUri } from '../core/otpauth';
import type { MediumRecord } from '../catalog/media-store';
import type { KeySchemeView } from '../contract/key-card-views';
import type { PaperSize, SeedBackupAccount } from '../print/document-inputs';
import { buildEmergencySheet } from '../print/emergency-sheet';
import { buildMediumLabels } from '../print/medium-labels';
import { buildSeedBackup } from '../print/seed-backup';
import type { CustodianRoster } from './custodian-roster';
import type { HeldDocuments } from './held-documents';
import type { StickWork } from './stick-work';
import type { MasterKeys } from './master-keys';
import { type EmergencySheetRequest, type MediumLabelsRequest, type PreparedDocument, type SeedBackupRequest } from './print-documents';

/**
 * Preparing documents: each is built in memory from the catalog (emergency sheets, labels) or from a seed stick
 * opened with the seed passphrase (the paper seed backup), and handed to the held-document store. Documents made
 * elsewhere (the verification report, key cards) are held here too, so they print like any other.
 */
export class DocumentPreparation {
  constructor(
    private readonly work: StickWork,
    private readonly controls: { readonly roster: CustodianRoster; readonly keys: MasterKeys },
    private readonly store: HeldDocuments,
  ) {}

  async prepareEmergencySheet(request: EmergencySheetRequest): Promise<PreparedDocument> {
    const custodian = this.work.session.requireCustodian();
    const { role } = request;
    const artefact = ROLE_ARTEFACT[role];
    const media = this.work.catalog.media.list().filter((m) => m.role === role);
    if (media.length === 0) {
      throw new StrongroomError(
        ErrorCode.NothingToPrint,
        `No ${role} stick is labelled yet, so the sheet could not say where the copies are. Label the ${role} sticks on the Media screen first.`,
        { role },
      );
    }
    const generation = this.work.catalog.generations.newestPublished(artefact);
    if (generation < 1) {
      throw new StrongroomError(
        ErrorCode.NothingToPrint,
        `Nothing has been written to the ${role} sticks yet, so there is no ${artefact} for the sheet to describe. Enrol the accounts and write the media first.`,
        { role },
      );
    }
    const warnings = media.flatMap((m) => {
      const held = this.work.catalog.generations.currentOf(m.mediumId, artefact)?.generation ?? 0;
      return held < generation
        ? [`${m.mediumId} (${describeLocation(m)}) holds ${held ? `generation ${held}` : 'nothing yet'}; the sheet describes generation ${generation}. Bring it in and update it.`]
        : [];
    });
    // The sheet describes one generation, so it counts that generation's accounts, not the catalog's.
    const accountCount =
      this.work.catalog.generations.get(artefact, generation)?.accountIds?.length ?? this.work.catalog.accounts.custodied().filter((a) => a.enrolledAt && (role === 'vault' || a.mfa.kind === 'virtual')).length;
    const printedAt = this.work.clock.now().toISOString();
    const auditHead = this.work.sticks.witness.head();
    const built = await buildEmergencySheet({
      role,
      paper: request.paper,
      printedAt,
      printedBy: custodian,
      ...(request.organisation ? { organisation: request.organisation } : {}),
      generation,
      accountCount,
      media: media.map((m) => ({ mediumId: m.mediumId, locationKind: m.location.kind, locationNote: m.location.note })),
      ...(request.networkLocation ? { networkLocation: request.networkLocation } : {}),
      passphrase: request.passphrase,
      contacts: request.contacts ?? [],
      ...keyCardsOf(this.controls.keys.scheme(role)),
      auditHead,
    }, this.work.media.printOptions);
    // The sheet witnesses the trail on paper: a catalog later cut below the head it shows is caught.
    this.work.sticks.witness.remember(`emergency sheet ${artefact} generation ${generation}`, 'printed', auditHead);
    return this.store.hold(custodian, {
      kind: role === 'vault' ? 'emergency-sheet-vault' : 'emergency-sheet-seed',
      title: `Emergency sheet — ${ROLE_FACTS[role].noun} (${artefact}, generation ${generation})`,
      paper: request.paper,
      pdf: built.pdf,
      pageCount: built.pageCount,
      fingerprint: pdfFingerprint(built.pdf),
      holdsSeeds: false,
      generation,
      warnings,
      preparedAt: printedAt,
    });
  }

  /**
   * The paper seed backup, from seeds.kdbx on a seed stick opened with the seed passphrase. The file is checked
   * against the catalog's record of what was written there; the seeds exist only in this process's memory.
   */
  async prepareSeedBackup(request: SeedBackupRequest): Promise<PreparedDocument> {
    const custodian = this.work.session.requireCustodian();
    const pair = this.controls.roster.requireTwo('Printing the seed backup', custodian, request.secondCustodian);
    this.work.airGap.requireIsolation('print the paper seed backup (opens the seed store)');
    return this.work.progress.run('Preparing the paper seed backup', 3, async () => {
      this.work.progress.announce('Reading seeds.kdbx from the seed stick');
      const source = await this.readSeedStore(request.devicePath);
      this.work.progress.step('Opening the seed store with the passphrase');
      let opened;
      try {
        const key = await this.controls.keys.resolve('seed', request.passphrase, 'open');
        opened = await openSeedFile(source.bytes, protect(key.text));
      } catch (error) {
        const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
        this.work.session.record({ action: 'print.seed-backup-failed', subject: source.mediumId, details: { error: code } });
        throw error;
      }
      const warnings = [...source.warnings];
      const newest = this.work.catalog.generations.newestPublished(ROLE_ARTEFACT.seed);
      if (opened.generation < newest) {
        warnings.push(
          `${source.mediumId} holds seed store generation ${opened.generation}, but generation ${newest} is the newest written: this paper would not match the current seed store. Print from a seed stick that holds generation ${newest}.`,
        );
      }
      if (opened.otherEntries.length > 0) {
        warnings.push(`Left out, because they hold no usable AWS seed: ${opened.otherEntries.join(', ')}.`);
      }
      if (opened.entries.length === 0) {
        throw new StrongroomError(ErrorCode.NothingToPrint, `The seed store on ${source.mediumId} holds no account with an MFA seed, so there is nothing to print.`, {
          mediumId: source.mediumId,
        });
      }

      // In the order of the account list, as the backup's cover tells the reader.
      const order = new Map(this.work.catalog.accounts.list().map((a, index) => [a.accountId, index] as const));
      const entries = [...opened.entries].sort(
        (a, b) => (order.get(a.accountId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.accountId) ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name),
      );
      const accounts: SeedBackupAccount[] = entries.map((entry) => ({
        accountId: entry.accountId,
        name: entry.name,
        email: entry.rootEmail,
        issuer: AWS_OTP_ISSUER,
        seedBase32: entry.seed.base32,
        otpauthUri: buildOtpauthUri({ name: entry.name, accountId: entry.accountId }, entry.seed),
      }));

      this.work.progress.step('Laying out the pages');
      const printedAt = this.work.clock.now().toISOString();
      // A backup made with a network up under a lab override says so on its cover.
      const { override } = this.work.airGap.status();
      const built = await buildSeedBackup({
        paper: request.paper,
        printedAt,
        printedBy: custodian,
        ...(request.organisation ? { organisation: request.organisation } : {}),
        generation: opened.generation,
        accounts,
        secondCustodian: pair.second,
        ...(override ? { networkOverride: override } : {}),
      }, this.work.media.printOptions);
      const view = this.store.hold(custodian, {
        kind: 'seed-backup',
        title: `Paper MFA seed backup (generation ${opened.generation})`,
        paper: request.paper,
        pdf: built.pdf,
        pageCount: built.pageCount,
        fingerprint: built.fingerprint,
        holdsSeeds: true,
        generation: opened.generation,
        warnings,
        preparedAt: printedAt,
      });
      // The set fingerprint identifies the paper without revealing a seed; never the seeds themselves.
      this.work.session.record({
        action: 'print.seed-backup-prepared',
        subject: source.mediumId,
        details: { document: view.documentId, generation: opened.generation, fingerprint: built.fingerprint, accounts: accounts.length, pages: built.pageCount, custodians: `${pair.first} and ${pair.second}` },
      });
      // The seed stick read witnesses the print on its own copy of the trail.
      return { ...view, warnings: [...view.warnings, ...(await this.work.media.witnessOn([await this.work.media.find(request.devicePath)], 'seed backup print'))] };
    });
  }

  async prepareMediumLabels(request: MediumLabelsRequest): Promise<PreparedDocument> {
    const custodian = this.work.session.requireCustodian();
    const all = this.work.catalog.media.list();
    let chosen: MediumRecord[];
    if (request.mediumIds && request.mediumIds.length > 0) {
      chosen = request.mediumIds.map((id) => {
        const found = all.find((m) => m.mediumId === id.trim().toUpperCase());
        if (!found) {
          throw new StrongroomError(
            ErrorCode.PrintInputInvalid,
            `${id} is not a stick this kiosk has labelled (or it was retired), so no label can be made for it. Choose from the media on the Media screen.`,
            { mediumId: id },
          );
        }
        return found;
      });
    } else chosen = all;
    if (chosen.length === 0) {
      throw new StrongroomError(ErrorCode.NothingToPrint, 'No stick is labelled yet, so there are no labels to print. Label the sticks on the Media screen first.');
    }
    const printedAt = this.work.clock.now().toISOString();
    const built = await buildMediumLabels({
      paper: request.paper,
      printedAt,
      media: chosen.map((m) => ({ mediumId: m.mediumId, role: m.role, locationKind: m.location.kind, locationNote: m.location.note })),
      ...(request.copiesPerMedium !== undefined ? { copiesPerMedium: request.copiesPerMedium } : {}),
      ...(request.skipPositions !== undefined ? { skipPositions: request.skipPositions } : {}),
    }, this.work.media.printOptions);
    return this.store.hold(custodian, {
      kind: 'medium-labels',
      title: `Medium labels (${chosen.map((m) => m.mediumId).join(', ')})`,
      paper: request.paper,
      pdf: built.pdf,
      pageCount: built.pageCount,
      fingerprint: pdfFingerprint(built.pdf),
      holdsSeeds: false,
      generation: null,
      warnings: [],
      preparedAt: printedAt,
    });
  }

  /** Holds a finished verification report (no secrets) so it can be previewed and printed like any document. */
  holdVerificationReport(report: { runId: string; pdf: Buffer; pageCount: number; fingerprint: string; paper: 'A4' | 'LETTER' }): PreparedDocument {
    const custodian = this.work.session.requireCustodian();
    return this.store.hold(custodian, {
      kind: 'verification-report',
      title: `Verification report ${report.runId}`,
      paper: report.paper,
      pdf: report.pdf,
      pageCount: report.pageCount,
      fingerprint: report.fingerprint,
      holdsSeeds: false,
      generation: null,
      warnings: [],
      preparedAt: this.work.clock.now().toISOString(),
    });
  }


  /** Holds one key card (app/key-card-desk builds it): printed only, wiped like a seed document. */
  holdKeyCard(card: { readonly title: string; readonly paper: PaperSize; readonly pdf: Buffer; readonly pageCount: number; readonly generation: number; readonly setId: string }): PreparedDocument {
    const custodian = this.work.session.requireCustodian();
    return this.store.hold(custodian, {
      kind: 'key-card',
      title: card.title,
      paper: card.paper,
      pdf: card.pdf,
      pageCount: card.pageCount,
      fingerprint: card.setId,
      holdsSeeds: false,
      generation: card.generation,
      warnings: [],
      preparedAt: this.work.clock.now().toISOString(),
    });
  }

  /** seeds.kdbx from a seed stick, read strictly: it must be exactly what this kiosk recorded writing there. */
  private async readSeedStore(devicePath: string): Promise<{ bytes: Uint8Array; mediumId: string; warnings: string[] }> {
    const medium = await this.work.media.find(devicePath);
    const mediumId = mediumName(medium);
    const fit = roleFit(stickRoleOf(medium), 'seed');
    if (fit !== 'fit') {
      throw new StrongroomError(
        ErrorCode.KdbxWrongRole,
        fit === 'other-role'
          ? `${mediumId} is a vault stick. The paper seed backup is printed from a seed stick: insert one and choose it.`
          : 'This stick is not a labelled seed stick. The paper seed backup is printed from a seed stick: insert one and choose it.',
      );
    }
    const read = await this.work.sticks.read(medium, 'seed', 'strict');
    return { bytes: read.bytes, mediumId: read.mediumId, warnings: [] };
  }
}

/** A share-keyed role's sheet explains the cards instead of a passphrase box; the set's public facts only. */
function keyCardsOf(scheme: KeySchemeView): { keyCards?: { threshold: number; cardCount: number; holders: readonly string[]; setId: string } } {
  return scheme.kind === 'cards' ? { keyCards: { threshold: scheme.threshold, cardCount: scheme.cardCount, holders: scheme.holders, setId: scheme.setId } } : {};
}

function pdfFingerprint(pdf: Buffer): string {
  return sha256Hex(pdf).slice(0, 16).toUpperCase();
}

function describeLocation(medium: MediumRecord): string {
  return locationSentence(medium.location);
}
