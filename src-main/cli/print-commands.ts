import type { PreparedDocument } from '../app/print-desk';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { PaperSize } from '../print/document-inputs';
import type { CliCommand, CliContext } from './cli-command';

const SHEET_USAGE = 'print emergency-sheet --role vault|seed --out FILE [--paper A4|LETTER] [options]';
const BACKUP_USAGE = 'print seed-backup --seeds MOUNT (--out FILE | --printer NAME) [--paper A4|LETTER]';
const LABELS_USAGE = 'print labels --out FILE [--paper A4|LETTER] [--media ID,...] [--copies N] [--skip N]';
const LINE_USAGE = 'restore-line --line N --of M --text "ABCD EFGH ..." --check XY';

function text(context: CliContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function required(context: CliContext, name: string, usage: string): string {
  const value = text(context, name);
  if (value === undefined) throw new StrongroomError(ErrorCode.BadRequest, `Missing --${name}. Usage: strongroom ${usage}`);
  return value;
}

function paperOf(context: CliContext): PaperSize {
  const value = (text(context, 'paper') ?? 'A4').toUpperCase();
  if (value !== 'A4' && value !== 'LETTER') throw new StrongroomError(ErrorCode.BadRequest, 'Choose --paper A4 or --paper LETTER.');
  return value;
}

function wholeNumber(context: CliContext, name: string): number | undefined {
  const value = text(context, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new StrongroomError(ErrorCode.BadRequest, `--${name} takes a whole number.`);
  return Number.parseInt(value, 10);
}

/** "Name;why;phone;e-mail", the last two optional. */
function parseContact(value: string): { name: string; role: string; phone?: string; email?: string } {
  const [name = '', role = '', phone = '', email = ''] = value.split(';').map((part) => part.trim());
  if (name === '') throw new StrongroomError(ErrorCode.BadRequest, `A contact needs a name first: --contact "Name;why to call;phone;e-mail".`);
  return { name, role, ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
}

function describe(document: PreparedDocument): string {
  return `${document.title}: ${document.pageCount} page${document.pageCount === 1 ? '' : 's'}, fingerprint ${document.fingerprint}`;
}

function report(context: CliContext, document: PreparedDocument, outcome: Record<string, unknown>, sentence: string): void {
  if (context.json) context.io.out(JSON.stringify({ document, ...outcome }, null, 2));
  else {
    for (const warning of document.warnings) context.io.err(`WARNING: ${warning}`);
    context.io.out(sentence);
  }
}

/** Writes a prepared document to --out and reports where it went; the desk decides what may go where. */
async function writeOut(context: CliContext, document: PreparedDocument, file: string): Promise<number> {
  const saved = await context.app.print.saveToFile(document.documentId, file);
  const where = saved.mediumId ? `${saved.mediumId}:${saved.path}` : saved.path;
  report(context, document, { saved }, `${describe(document)}. Saved to ${where} (SHA-256 ${saved.sha256.slice(0, 16)}…).`);
  return 0;
}

export const printCommands: readonly CliCommand[] = [
  {
    words: ['print', 'emergency-sheet'],
    usage: SHEET_USAGE,
    summary:
      'Make the emergency sheet of the vault or the seed store (no secret). Options: --kept-by "Name A,Name B" (else a write-in box), --network TEXT, --contact "Name;why;phone;e-mail" (repeatable), --organisation TEXT.',
    options: {
      role: { type: 'string' },
      out: { type: 'string' },
      paper: { type: 'string' },
      'kept-by': { type: 'string' },
      network: { type: 'string' },
      contact: { type: 'string', multiple: true },
      organisation: { type: 'string' },
    },
    needsCustodian: true,
    async run(context) {
      const role = required(context, 'role', SHEET_USAGE);
      if (role !== 'vault' && role !== 'seed') throw new StrongroomError(ErrorCode.BadRequest, `--role is vault or seed. Usage: strongroom ${SHEET_USAGE}`);
      const out = required(context, 'out', SHEET_USAGE);
      const keptBy = text(context, 'kept-by');
      const contacts = context.options['contact'];
      const network = text(context, 'network');
      const organisation = text(context, 'organisation');
      const document = await context.app.print.prepareEmergencySheet({
        role,
        paper: paperOf(context),
        passphrase: keptBy ? { kind: 'kept-by', holders: keptBy.split(',').map((name) => name.trim()) } : { kind: 'write-in' },
        contacts: Array.isArray(contacts) ? contacts.filter((c): c is string => typeof c === 'string').map(parseContact) : [],
        ...(network ? { networkLocation: network } : {}),
        ...(organisation ? { organisation } : {}),
      });
      return writeOut(context, document, out);
    },
  },
  {
    words: ['print', 'seed-backup'],
    usage: BACKUP_USAGE,
    summary: 'Make the paper seed backup (SECRET) from a seed stick: saved only on a seed stick, or sent straight to a printer.',
    options: { seeds: { type: 'string' }, out: { type: 'string' }, printer: { type: 'string' }, paper: { type: 'string' }, organisation: { type: 'string' } },
    needsCustodian: true,
    async run(context) {
      const seeds = required(context, 'seeds', BACKUP_USAGE);
      const out = text(context, 'out');
      const printer = text(context, 'printer');
      if ((out === undefined) === (printer === undefined)) {
        throw new StrongroomError(ErrorCode.BadRequest, `Give either --out FILE (on a seed stick) or --printer NAME. Usage: strongroom ${BACKUP_USAGE}`);
      }
      // Refuse a wrong destination before the seed store is opened: no passphrase is asked for in vain.
      if (out !== undefined) await context.app.print.checkSeedBackupFile(out);
      const passphrase = await context.passphrases.next('Seed master passphrase');
      const organisation = text(context, 'organisation');
      const document = await context.app.print.prepareSeedBackup({ devicePath: seeds, passphrase, paper: paperOf(context), ...(organisation ? { organisation } : {}) });
      try {
        if (out !== undefined) return await writeOut(context, document, out);
        const printed = await context.app.print.print(document.documentId, printer!);
        report(
          context,
          document,
          { printed },
          `${describe(document)}. Sent to ${printed.printer}${printed.jobId ? ` as job ${printed.jobId}` : ''}. SECRET: collect every page from the printer now and seal it apart from the vault.`,
        );
        return 0;
      } finally {
        context.app.print.discard(document.documentId);
      }
    },
  },
  {
    words: ['print', 'labels'],
    usage: LABELS_USAGE,
    summary: 'Make sticker labels for the labelled media (21 to a sheet, two per medium), to print on another machine or later.',
    options: { out: { type: 'string' }, paper: { type: 'string' }, media: { type: 'string' }, copies: { type: 'string' }, skip: { type: 'string' } },
    needsCustodian: true,
    async run(context) {
      const out = required(context, 'out', LABELS_USAGE);
      const media = text(context, 'media')?.split(',').map((id) => id.trim()).filter(Boolean);
      const copies = wholeNumber(context, 'copies');
      const skip = wholeNumber(context, 'skip');
      const document = await context.app.print.prepareMediumLabels({
        paper: paperOf(context),
        ...(media ? { mediumIds: media } : {}),
        ...(copies !== undefined ? { copiesPerMedium: copies } : {}),
        ...(skip !== undefined ? { skipPositions: skip } : {}),
      });
      return writeOut(context, document, out);
    },
  },
  {
    words: ['restore-line'],
    usage: LINE_USAGE,
    summary: 'Check one typed line of a paper seed against its check value: exit 0 if right, 1 naming the problem. --text - reads it from stdin.',
    options: { line: { type: 'string' }, of: { type: 'string' }, text: { type: 'string' }, check: { type: 'string' } },
    needsCustodian: false,
    async run(context) {
      const line = wholeNumber(context, 'line');
      const of = wholeNumber(context, 'of');
      const check = required(context, 'check', LINE_USAGE);
      let typed = required(context, 'text', LINE_USAGE);
      if (line === undefined || of === undefined) throw new StrongroomError(ErrorCode.BadRequest, `Give --line and --of. Usage: strongroom ${LINE_USAGE}`);
      if (typed.trim() === '-') typed = await context.passphrases.next(`Line ${line} of the seed`);
      const verdict = context.app.print.checkPaperLine(line, of, typed, check);
      if (context.json) {
        const { ok, lineNumber } = verdict;
        context.io.out(JSON.stringify(verdict.ok ? { ok, lineNumber } : { ok, lineNumber, problem: verdict.problem, message: verdict.message }, null, 2));
      } else if (verdict.ok) context.io.out(`Line ${line} of ${of} checks out.`);
      else context.io.err(`${ErrorCode.SeedLineWrong}: ${verdict.message}`);
      return verdict.ok ? 0 : 1;
    },
  },
];
