import { FORMS } from './cli-options';
import type { CliCommandSpec } from './cli-command';
import { SECOND_CUSTODIAN_OPTION } from './command-kit';

export const SHEET_USAGE = 'print emergency-sheet --role vault|seed --out FILE [--paper A4|LETTER] [options]';

export const BACKUP_USAGE = 'print seed-backup --seeds MOUNT --second-custodian NAME (--out FILE | --printer NAME) [--paper A4|LETTER]';

export const LABELS_USAGE = 'print labels --out FILE [--paper A4|LETTER] [--media ID,...] [--copies N] [--skip N]';

export const LINE_USAGE = 'restore-line --line N --of M --check XY   (the line itself is typed when asked, or given on standard input)';

export const printCommandSpecs: readonly CliCommandSpec[] = [
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
  },
];
