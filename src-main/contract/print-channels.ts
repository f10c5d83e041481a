import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import { masterKey } from './master-key-schema';
import type { CodesView } from './custody-views';
import type {
  PagePreviewView,
  PaperLineCheckView,
  PreparedDocumentView,
  PrintedView,
  PrinterChoiceView,
  ReEnrolmentView,
  RestoredSeedView,
  SavedDocumentView,
} from './print-views';

const documentId = z.string().uuid();
const restoreId = z.string().uuid();
const paper = z.enum(['A4', 'LETTER']);
const devicePath = z.string().min(1).max(4096);
const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id has exactly 12 digits');
const organisation = z.string().max(120).optional();
/** A seed has at most 512 characters, 16 to a line: 32 lines. */
const lineCount = z.number().int().min(1).max(32);
const lineText = z.string().max(200);
const lineCheck = z.string().max(20);

export const printChannels = {
  prepareEmergencySheet: channel(
    z
      .object({
        role: z.enum(['vault', 'seed']),
        paper,
        passphrase: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('write-in') }).strict(),
          z.object({ kind: z.literal('kept-by'), holders: z.array(z.string().max(80)).max(6) }).strict(),
        ]),
        networkLocation: z.string().max(200).optional(),
        contacts: z
          .array(z.object({ name: z.string().min(1).max(100), role: z.string().max(100), phone: z.string().max(40).optional(), email: z.string().max(200).optional() }).strict())
          .max(8)
          .optional(),
        organisation,
      })
      .strict(),
    returns<PreparedDocumentView>(),
    { needsCustodian: true },
  ),
  /** Two-person control: secondCustodian is named explicitly, never filled in. */
  prepareSeedBackup: channel(z.object({ devicePath, passphrase: masterKey, paper, organisation, secondCustodian: z.string().max(200) }).strict(), returns<PreparedDocumentView>(), { needsCustodian: true }),
  prepareMediumLabels: channel(
    z
      .object({
        paper,
        mediumIds: z.array(z.string().min(1).max(32)).max(200).optional(),
        copiesPerMedium: z.number().int().min(1).max(30).optional(),
        skipPositions: z.number().int().min(0).max(40).optional(),
      })
      .strict(),
    returns<PreparedDocumentView>(),
    { needsCustodian: true },
  ),
  previewDocumentPage: channel(
    z.object({ documentId, page: z.number().int().min(1).max(10_000), dpi: z.number().int().min(30).max(200).optional() }).strict(),
    returns<PagePreviewView>(),
    { needsCustodian: true },
  ),
  listPrinters: channel(emptyRequest, returns<PrinterChoiceView>(), { needsCustodian: true }),
  printDocument: channel(z.object({ documentId, printer: z.string().min(1).max(127) }).strict(), returns<PrintedView>(), { needsCustodian: true }),
  saveDocumentToMedium: channel(z.object({ documentId, devicePath }).strict(), returns<SavedDocumentView>(), { needsCustodian: true }),
  /** A document without secrets (labels, a report) kept as a PDF in the kiosk's reports folder, for printing later. */
  saveDocumentToKiosk: channel(z.object({ documentId }).strict(), returns<SavedDocumentView>(), { needsCustodian: true }),
  discardDocument: channel(z.object({ documentId }).strict(), returns<{ discarded: true }>(), { needsCustodian: true }),

  checkPaperSeedLine: channel(
    z.object({ lineNumber: z.number().int().min(1).max(32), lineCount, text: lineText, check: lineCheck }).strict(),
    returns<PaperLineCheckView>(),
    { needsCustodian: true },
  ),
  restoreSeedFromPaper: channel(
    z.object({ lines: z.array(z.object({ text: lineText, check: lineCheck }).strict()).min(1).max(32), accountId: accountId.optional() }).strict(),
    returns<RestoredSeedView>(),
    { needsCustodian: true },
  ),
  restoredSeedCodes: channel(z.object({ restoreId }).strict(), returns<CodesView>(), { needsCustodian: true }),
  startReEnrolmentFromPaper: channel(z.object({ restoreId, accountId }).strict(), returns<ReEnrolmentView>(), { needsCustodian: true }),
  discardRestoredSeed: channel(z.object({ restoreId }).strict(), returns<{ discarded: true }>(), { needsCustodian: true }),
} as const;
