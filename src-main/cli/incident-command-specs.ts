import type { CliCommandSpec } from './cli-command';
import { listingSpec } from './command-kit';

export const RESOLVE_USAGE = 'incidents resolve INCIDENT-ID --reason TEXT';

export const incidentCommandSpecs: readonly CliCommandSpec[] = [
  listingSpec({
    words: ['incidents', 'list'],
    summary: 'List the custody incidents not yet resolved (also shown by strongroom due and on every screen).',
  }),
  {
    words: ['incidents', 'resolve'],
    usage: RESOLVE_USAGE,
    summary: 'Resolve a custody incident, saying what was done; recorded on the audit trail.',
    positionals: { min: 1, max: 1, name: 'the incident id (strongroom incidents list)' },
    options: { reason: { type: 'string', form: 'a sentence saying what was done about it' } },
    needsCustodian: true,
  },
];
