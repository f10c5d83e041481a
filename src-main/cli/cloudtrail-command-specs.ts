import { FORMS } from './cli-options';
import type { CliCommandSpec } from './cli-command';

export const RECONCILE_USAGE = 'cloudtrail reconcile FILE_OR_DIR... [--report FILE] [--window-hours N] [--paper A4|LETTER]';

export const cloudTrailCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['cloudtrail', 'reconcile'],
    usage: RECONCILE_USAGE,
    summary: 'Match root sign-ins and credential changes in CloudTrail logs to break-glasses, enrolments and rotations; exit 1 if anything is unexplained.',
    options: {
      report: { type: 'string', form: 'the path of one more copy of the PDF report (it is always kept in the reports folder)' },
      'window-hours': {
        type: 'string',
        form: 'a number of hours above 0 and at most 720, such as 2 or 0.5',
        accepts: (v) => /^\s*\d{1,3}(\.\d{1,3})?\s*$/.test(v) && Number(v) > 0 && Number(v) <= 720,
      },
      paper: { type: 'string', ...FORMS.paper },
    },
    positionals: { min: 1, max: 100_000, name: 'the CloudTrail log files or folders to read' },
    needsCustodian: true,
  },
];
