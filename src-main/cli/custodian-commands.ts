import { sameCustodian } from '../core/custodian';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { CliCommand } from './cli-command';
import { listingCommand, printOutcome } from './command-kit';

const ADD_USAGE = 'custodians add NAME --custodian "Your Name"';

/**
 * Registering custodians. A registered custodian adds a new one; on a fresh kiosk (no custodian, nothing
 * recorded) the first custodian registers themself by naming themself twice. That exception ends with the
 * first event on the audit trail (app/custodian-roster).
 */
export const custodianCommands: readonly CliCommand[] = [
  {
    words: ['custodians', 'add'],
    usage: ADD_USAGE,
    summary: 'Register a custodian (done by a registered custodian; the first one of a fresh kiosk registers themself).',
    positionals: { min: 1, max: 1, name: 'the new custodian\'s full name' },
    // Signs in itself: on a fresh kiosk there is nobody registered to sign in as yet.
    needsCustodian: false,
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
  listingCommand({
    words: ['custodians', 'list'],
    summary: 'List the registered custodians, who registered each, and when each was last signed in.',
    read: (app) => app.custodians.list(),
    empty: 'No custodian is registered yet. The first one registers themself: strongroom custodians add "Your Name" --custodian "Your Name".',
    line: (c) => `${c.name}  registered ${c.addedAt.slice(0, 10)}${c.registeredBy ? ` by ${c.registeredBy}` : ''}${c.lastSeenAt ? `, last signed in ${c.lastSeenAt.slice(0, 10)}` : ''}`,
    indent: 0,
  }),
];
