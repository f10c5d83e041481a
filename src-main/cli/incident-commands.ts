import type { CliCommand } from './cli-command';
import { listingCommand, printOutcome } from './command-kit';
import { requiredOption } from './option-values';

const RESOLVE_USAGE = 'incidents resolve INCIDENT-ID --reason TEXT';

/** Custody incidents (a break-glass read from one physical stick): listed, and resolved with what was done. */
export const incidentCommands: readonly CliCommand[] = [
  listingCommand({
    words: ['incidents', 'list'],
    summary: 'List the custody incidents not yet resolved (also shown by strongroom due and on every screen).',
    read: (app) => app.incidents.unresolved(),
    empty: 'No custody incident is open.',
    line: (i) => `${i.incidentId}  ${i.openedAt.slice(0, 10)}  ${i.sentence}`,
  }),
  {
    words: ['incidents', 'resolve'],
    usage: RESOLVE_USAGE,
    summary: 'Resolve a custody incident, saying what was done; recorded on the audit trail.',
    positionals: { min: 1, max: 1, name: 'the incident id (strongroom incidents list)' },
    options: { reason: { type: 'string', form: 'a sentence saying what was done about it' } },
    needsCustodian: true,
    run(context) {
      const resolved = context.app.incidents.resolve(context.args[0]!, requiredOption(context, 'reason', RESOLVE_USAGE));
      printOutcome(context, resolved, `Resolved the incident about ${resolved.subject}: ${resolved.resolution}`, 0);
      return 0;
    },
  },
];
