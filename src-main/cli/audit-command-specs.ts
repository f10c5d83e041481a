import type { CliOptionSpec, CliCommandSpec } from './cli-command';

// --custodian names who is acting (a global option), so the filter says --by; --to says where an export goes.
export const FILTER_USAGE = '[--by CUSTODIAN] [--action ACTION] [--about ID] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--search TEXT] [--alarms]';

export const FILTER_OPTIONS: CliOptionSpec = {
  by: { type: 'string', form: 'a custodian name' },
  action: { type: 'string', form: 'an action name, such as breakglass.opened' },
  about: { type: 'string', form: 'an account id, a medium id or a token id' },
  since: { type: 'string', form: 'a UTC day such as 2026-12-01', accepts: (v) => /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(v) },
  until: { type: 'string', form: 'a UTC day such as 2026-12-31', accepts: (v) => /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(v) },
  search: { type: 'string', form: 'the words to look for' },
  alarms: { type: 'boolean' },
};

export const auditCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['audit', 'list'],
    usage: `audit list [--limit N] ${FILTER_USAGE}`,
    summary: 'Show the audit trail (or the entries the filter shows), newest last, and whether its hash chain holds.',
    options: { limit: { type: 'string', form: 'a whole number from 1 to 1000', accepts: (v) => /^\s*\d{1,4}\s*$/.test(v) && Number(v) >= 1 && Number(v) <= 1000 }, ...FILTER_OPTIONS },
    needsCustodian: false,
  },
  {
    words: ['audit', 'verify'],
    usage: 'audit verify [--against MOUNT]...',
    summary: "Check the audit trail's hash chain, that it still reaches every head seen on sticks and reports, and (--against) that it extends each named stick's copy; exit 1 naming the first bad or missing event.",
    options: { against: { type: 'string', multiple: true, form: 'the mount point, device or medium id of a labelled stick' } },
    needsCustodian: false,
  },
  {
    words: ['audit', 'alarms'],
    usage: 'audit alarms',
    summary: 'List the tamper alarms nobody has acknowledged yet; exit 1 while any is open.',
    needsCustodian: false,
  },
  {
    words: ['audit', 'acknowledge'],
    usage: 'audit acknowledge ALARM --reason TEXT',
    summary: 'Acknowledge a tamper alarm once it has been looked into; the reason goes on the audit trail.',
    options: { reason: { type: 'string', form: 'what was found and done, in a few words' } },
    positionals: { min: 1, max: 1, name: 'ALARM' },
    needsCustodian: true,
  },
  {
    words: ['audit', 'export'],
    usage: `audit export --format csv|pdf --to reports|MOUNT [--paper A4|LETTER] ${FILTER_USAGE}`,
    summary: "Export the entries the filter shows, with the chain head, to a labelled stick (either role) or the kiosk's reports folder.",
    options: { format: { type: 'string' }, to: { type: 'string' }, paper: { type: 'string' }, ...FILTER_OPTIONS },
    needsCustodian: true,
  },
];
