import type { CommandRuns } from './cli-command';
import { printOutcome, listingRun } from './command-kit';
import { requiredOption } from './option-values';
import { RESOLVE_USAGE } from './incident-command-specs';

export const incidentRuns: CommandRuns = {
  'incidents list': listingRun({
    read: (app) => app.incidents.unresolved(),
    empty: 'No custody incident is open.',
    line: (i) => `${i.incidentId}  ${i.openedAt.slice(0, 10)}  ${i.sentence}`,
  }),
  'incidents resolve': {
    run(context) {
      const resolved = context.app.incidents.resolve(context.args[0]!, requiredOption(context, 'reason', RESOLVE_USAGE));
      printOutcome(context, resolved, `Resolved the incident about ${resolved.subject}: ${resolved.resolution}`, 0);
      return 0;
    },
  },
};
