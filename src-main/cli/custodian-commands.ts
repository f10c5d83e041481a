import { sameCustodian } from '../core/custodian';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { CommandRuns } from './cli-command';
import { printOutcome, listingRun } from './command-kit';
import { ADD_USAGE } from './custodian-command-specs';

export const custodianRuns: CommandRuns = {
  'custodians add': {
    run(context) {
      const name = context.args[0]!;
      const acting = context.options['custodian'];
      if (typeof acting !== 'string' || acting.trim() === '') {
        throw new StrongroomError(ErrorCode.Usage, `Say who is registering them with --custodian "Your Name" (on a new kiosk, the first custodian names themself: ${ADD_USAGE.replace('NAME', `"${name}"`).replace('Your Name', name)}).`);
      }
      const { app } = context;
      if (app.session.isFresh() && sameCustodian(name, acting)) {
        const status = app.custodians.registerFirst(name, 'cli');
        printOutcome(context, { registered: status.custodian, first: true }, `Registered ${status.custodian} as the first custodian of this kiosk. Every further custodian is added by a registered one.`, 0);
        return 0;
      }
      app.session.signIn(acting, { via: 'cli' });
      const added = app.custodians.register(name);
      printOutcome(context, { registered: added.name, registeredBy: added.registeredBy }, `Registered ${added.name} (added by ${added.registeredBy}).`, 0);
      return 0;
    },
  },
  'custodians list': listingRun({
    read: (app) => app.custodians.list(),
    empty: 'No custodian is registered yet. The first one registers themself: strongroom custodians add "Your Name" --custodian "Your Name".',
    line: (c) => `${c.name}  registered ${c.addedAt.slice(0, 10)}${c.registeredBy ? ` by ${c.registeredBy}` : ''}${c.lastSeenAt ? `, last signed in ${c.lastSeenAt.slice(0, 10)}` : ''}`,
    indent: 0,
  }),
};
