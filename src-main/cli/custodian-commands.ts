import { sameCustodian } from '../core/custodian';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { CliCommand } from './cli-command';

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
      const { app, io, json } = context;
      if (app.session.isFresh() && sameCustodian(name, acting)) {
        const status = app.custodians.registerFirst(name, 'cli');
        io.out(json ? JSON.stringify({ registered: status.custodian, first: true }) : `Registered ${status.custodian} as the first custodian of this kiosk. Every further custodian is added by a registered one.`);
        return 0;
      }
      app.session.signIn(acting, { via: 'cli' });
      const added = app.custodians.register(name);
      io.out(json ? JSON.stringify({ registered: added.name, registeredBy: added.registeredBy }) : `Registered ${added.name} (added by ${added.registeredBy}).`);
      return 0;
    },
  },
  {
    words: ['custodians', 'list'],
    usage: 'custodians list',
    summary: 'List the registered custodians, who registered each, and when each was last signed in.',
    needsCustodian: false,
    run({ app, io, json }) {
      const custodians = app.custodians.list();
      if (json) io.out(JSON.stringify(custodians));
      else if (custodians.length === 0) io.out('No custodian is registered yet. The first one registers themself: strongroom custodians add "Your Name" --custodian "Your Name".');
      else for (const c of custodians) io.out(`${c.name}  registered ${c.addedAt.slice(0, 10)}${c.registeredBy ? ` by ${c.registeredBy}` : ''}${c.lastSeenAt ? `, last signed in ${c.lastSeenAt.slice(0, 10)}` : ''}`);
      return 0;
    },
  },
];
