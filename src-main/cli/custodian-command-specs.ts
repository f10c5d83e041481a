import type { CliCommandSpec } from './cli-command';
import { listingSpec } from './command-kit';

export const ADD_USAGE = 'custodians add NAME --custodian "Your Name"';

export const custodianCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['custodians', 'add'],
    usage: ADD_USAGE,
    summary: 'Register a custodian (done by a registered custodian; the first one of a fresh kiosk registers themself).',
    positionals: { min: 1, max: 1, name: 'the new custodian\'s full name' },
    needsCustodian: false,
  },
  listingSpec({
    words: ['custodians', 'list'],
    summary: 'List the registered custodians, who registered each, and when each was last signed in.',
  }),
];
