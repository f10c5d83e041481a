import { FORMS } from './cli-options';
import type { CliCommandSpec } from './cli-command';

export const DRAW_USAGE = 'keycards draw --role vault|seed --threshold K --holders NAME1,NAME2,... --printer NAME [--paper A4|LETTER] [--leave-behind]';

export const keyCardCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['keycards', 'draw'],
    usage: DRAW_USAGE,
    summary: 'Draw a random master key for a role, print one key card per holder, then re-key every stick of the role with it.',
    options: {
      role: { type: 'string', form: 'vault or seed' },
      threshold: { type: 'string', form: 'how many cards open the role (2 or more)', accepts: (v) => /^\d{1,2}$/.test(v) },
      holders: { type: 'string', form: 'registered custodians, one per card, separated by commas' },
      printer: { type: 'string', form: 'a printer name from the print system' },
      paper: { type: 'string', ...FORMS.paper },
      'leave-behind': { type: 'boolean', default: false },
    },
    needsCustodian: true,
  },
  {
    words: ['keycards', 'combine'],
    usage: 'keycards combine',
    summary: 'On an offline computer: combine k key cards (scanned QR text, one per line) into the master key KeePassXC asks for.',
    needsCustodian: false,
  },
];
