import type { PreparedDocument } from '../app/print-documents';
import { isMediumRole } from '../core/custody-vocabulary';
import { ErrorCode } from '../core/errors';
import type { PaperSize } from '../print/document-inputs';
import type { CliContext, CommandRuns } from './cli-command';
import { usageError } from './cli-options';
import { presentSecondCustodian } from './command-kit';
import { readMasterKey } from './master-key-input';
import { requiredOption, textOption } from './option-values';

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

export const printRuns: CommandRuns = {
  'print emergency-sheet': {
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
  'print seed-backup': {
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
  'print labels': {
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
  'restore-line': {
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
};
