import type { ConsecutiveCodes } from '../../core/totp';
import type { CodesView } from '../../contract/custody-views';
import type { FeatureHandlers } from '../../contract/dispatch';
import type { printChannels } from '../../contract/print-channels';
import type { PaperLineCheckView } from '../../contract/print-views';
import type { StrongroomApp } from '../strongroom-app';
import { reportsFolder } from '../verification-reports';

const codesView = (codes: ConsecutiveCodes): CodesView => ({ current: codes.current.code, next: codes.next.code, secondsLeft: codes.secondsLeft });

/** Previews are drawn at screen resolution by default: sharp enough to check a page, small enough to send quickly. */
const PREVIEW_DPI = 96;

export function printHandlers(app: StrongroomApp): FeatureHandlers<typeof printChannels> {
  const { print, paperRestore, mediaFeed } = app;
  return {
    prepareEmergencySheet: (r) =>
      print.prepareEmergencySheet({
        role: r.role,
        paper: r.paper,
        passphrase: r.passphrase,
        ...(r.networkLocation ? { networkLocation: r.networkLocation } : {}),
        contacts: (r.contacts ?? []).map((c) => ({ name: c.name, role: c.role, ...(c.phone ? { phone: c.phone } : {}), ...(c.email ? { email: c.email } : {}) })),
        ...(r.organisation ? { organisation: r.organisation } : {}),
      }),
    prepareSeedBackup: ({ devicePath, passphrase, paper, organisation, secondCustodian }) =>
      print.prepareSeedBackup({ devicePath, passphrase, paper, secondCustodian, ...(organisation ? { organisation } : {}) }),
    prepareMediumLabels: ({ paper, mediumIds, copiesPerMedium, skipPositions }) =>
      print.prepareMediumLabels({
        paper,
        ...(mediumIds ? { mediumIds } : {}),
        ...(copiesPerMedium !== undefined ? { copiesPerMedium } : {}),
        ...(skipPositions !== undefined ? { skipPositions } : {}),
      }),
    previewDocumentPage: ({ documentId, page, dpi }) => print.previewPage(documentId, page, dpi ?? PREVIEW_DPI),
    listPrinters: () => print.printers(),
    printDocument: ({ documentId, printer }) => print.print(documentId, printer),
    saveDocumentToMedium: async ({ documentId, devicePath }) => {
      try {
        return await print.save(documentId, devicePath);
      } finally {
        mediaFeed.bump();
      }
    },
    saveDocumentToKiosk: ({ documentId }) => print.saveToKiosk(documentId, reportsFolder(app.home)),
    discardDocument: ({ documentId }) => {
      print.discard(documentId);
      return { discarded: true as const };
    },
    checkPaperSeedLine: ({ lineNumber, lineCount, text, check }): PaperLineCheckView => {
      const verdict = paperRestore.checkPaperLine(lineNumber, lineCount, text, check);
      // The verdict carries the normalised line; it stays in main.
      if (verdict.ok) return { ok: true, lineNumber: verdict.lineNumber };
      return verdict;
    },
    restoreSeedFromPaper: ({ lines, accountId }) => {
      const restored = paperRestore.restoreSeed(lines, accountId);
      return { restoreId: restored.restoreId, accountId: restored.accountId, accountName: restored.accountName, codes: codesView(restored.codes) };
    },
    restoredSeedCodes: ({ restoreId }) => codesView(paperRestore.restoredCodes(restoreId)),
    startReEnrolmentFromPaper: ({ restoreId, accountId }) => {
      const { enrolment, codes } = paperRestore.restoreToEnrolment(restoreId, accountId);
      return { enrolment, codes: codesView(codes) };
    },
    discardRestoredSeed: ({ restoreId }) => {
      paperRestore.discardRestore(restoreId);
      return { discarded: true as const };
    },
  };
}
