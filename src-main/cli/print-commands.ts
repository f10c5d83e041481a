import type { PreparedDocument } from '../app/print-documents';
import { isMediumRole } from '../core/custody-vocabulary';
import { ErrorCode } from '../core/errors';
import type { PaperSize } from '../print/document-inputs';
import type { CliCommand, CliContext } from './cli-command';
import { FORMS, usageError } from './cli-options';
import { presentSecondCustodian, SECOND_CUSTODIAN_OPTION } from './command-kit';
import { readMasterKey } from './master-key-input';
import { requiredOption, textOption } from './option-values';

const SHEET_USAGE = 'print emergency-sheet --role vault|seed --out FILE [--paper A4|LETTER] [options]';
const BACKUP_USAGE = 'print seed-backup --seeds MOUNT --second-custodian NAME (--out FILE | --printer NAME) [--paper A4|LETTER]';
const LABELS_USAGE = 'print labels --out FILE [--paper A4|LETTER] [--media ID,...] [--copies N] [--skip N]';
const LINE_USAGE = 'restore-line --line N --of M --check XY   (the line itself is typed when asked, or given on standard input)';

const text = textOption;
const required = (context: CliContext, name: string): string => requiredOption(context, name);

/** --paper was checked against FORMS.paper when the command line was read. */
function paperOf(context: CliContext): PaperSize {
  return (text(context, 'paper') ?? 'A4').trim().toUpperCase() as PaperSize;
}

/** Options declared with FORMS.wholeNumber, so the value is digits. */
function wholeNumber(context: CliContext, name: string): number | undefined {
  const value = text(context, name);
  return value === undefined ? undefined : Number.parseInt(value.trim(), 10);
}

/** "Name;why;phone;e-mail", the last two optional. */
function parseContact(value: string): { name: string; role: string; phone?: string; email?: string } {
  const [name = '', role = '', phone = '', email = ''] = value.split(';').map((part) => part.trim());
  if (name === '') throw usageError(`--contact needs a name first: --contact "Name;why to call;phone;e-mail".`);
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
      role: { type: 'string', ...FORMS.role },
      out: { type: 'string', form: 'the PDF file to save' },
      paper: { type: 'string', ...FORMS.paper },
      'kept-by': { type: 'string', form: 'the names of the passphrase holders, separated by commas' },
      network: { type: 'string', form: 'where the vault is kept, as text' },
      contact: { type: 'string', multiple: true, form: '"Name;why to call;phone;e-mail"' },
      organisation: { type: 'string', form: "the organisation's name" },
    },
    needsCustodian: true,
    async run(context) {
      const role = required(context, 'role');
      // FORMS.role checked the value when the command line was read; the guard keeps the type honest.
      if (!isMediumRole(role)) throw usageError('--role takes vault or seed.', { option: '--role' });
      const out = required(context, 'out');
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
    options: {
      seeds: { type: 'string', form: 'the mount point or device of a seed stick' },
      out: { type: 'string', form: 'a PDF file on a seed stick' },
      printer: { type: 'string', form: 'a printer name from the print system' },
      paper: { type: 'string', ...FORMS.paper },
      organisation: { type: 'string', form: "the organisation's name" },
      'second-custodian': SECOND_CUSTODIAN_OPTION,
    },
    needsCustodian: true,
    async run(context) {
      const seeds = required(context, 'seeds');
      const secondCustodian = presentSecondCustodian(context, 'second-custodian', 'Printing the seed backup');
      const out = text(context, 'out');
      const printer = text(context, 'printer');
      if ((out === undefined) === (printer === undefined)) {
        throw usageError('Give either --out FILE (on a seed stick) or --printer NAME, one of the two.');
      }
      // Refuse a wrong destination before the seed store is opened: no passphrase is asked for in vain.
      if (out !== undefined) await context.app.print.checkSeedBackupFile(out);
      const passphrase = await readMasterKey(context, 'seed');
      const organisation = text(context, 'organisation');
      const document = await context.app.print.prepareSeedBackup({ devicePath: seeds, passphrase, secondCustodian, paper: paperOf(context), ...(organisation ? { organisation } : {}) });
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
    options: {
      out: { type: 'string', form: 'the PDF file to save' },
      paper: { type: 'string', ...FORMS.paper },
      media: { type: 'string', form: 'medium ids separated by commas, e.g. VAULT-01,SEEDS-01' },
      copies: { type: 'string', ...FORMS.wholeNumber },
      skip: { type: 'string', ...FORMS.wholeNumber },
    },
    needsCustodian: true,
    async run(context) {
      const out = required(context, 'out');
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
    summary:
      'Check one typed line of a paper seed against its check value: exit 0 if right, 1 naming the problem. The line is typed on the terminal (not shown) or read from standard input, never given as an argument.',
    options: {
      line: { type: 'string', ...FORMS.wholeNumber },
      of: { type: 'string', ...FORMS.wholeNumber },
      check: { type: 'string', form: 'the two characters printed after "check" on that line' },
    },
    needsCustodian: false,
    async run(context) {
      const line = wholeNumber(context, 'line');
      const of = wholeNumber(context, 'of');
      const check = required(context, 'check');
      if (line === undefined || of === undefined) throw usageError('Give --line (the line number) and --of (how many lines the seed has on paper).');
      // A seed line on the command line would sit in shell history, the process table and npm's logs.
      const typed = await context.passphrases.next(`Line ${line} of the seed, as printed (four groups of four)`);
      const verdict = context.app.paperRestore.checkPaperLine(line, of, typed, check);
      if (context.json) {
        const { ok, lineNumber } = verdict;
        context.io.out(JSON.stringify(verdict.ok ? { ok, lineNumber } : { ok, lineNumber, problem: verdict.problem, message: verdict.message }, null, 2));
      } else if (verdict.ok) context.io.out(`Line ${line} of ${of} checks out.`);
      else context.io.err(`${ErrorCode.SeedLineWrong}: ${verdict.message}`);
      return verdict.ok ? 0 : 1;
    },
  },
];
