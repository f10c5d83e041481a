import { isMediumRole, type MediumRole } from '../core/custody-vocabulary';
import { combineShares, decodeScannedShare, masterKeyPassphrase } from '../core/master-key-shares';
import type { PaperSize } from '../print/document-inputs';
import type { CommandRuns } from './cli-command';
import { usageError } from './cli-options';
import { readMasterKey } from './master-key-input';
import { listOption, requiredOption } from './option-values';
import { DRAW_USAGE } from './key-card-command-specs';

function roleOf(value: string, usage: string): MediumRole {
  if (!isMediumRole(value)) throw usageError(`--role takes vault or seed. Usage: strongroom ${usage}`, { option: '--role' });
  return value;
}

export const keyCardRuns: CommandRuns = {
  'keycards draw': {
    async run(context) {
      const role = roleOf(requiredOption(context, 'role', DRAW_USAGE), DRAW_USAGE);
      const threshold = Number(requiredOption(context, 'threshold', DRAW_USAGE));
      const holders = listOption(context.options['holders']);
      const printer = requiredOption(context, 'printer', DRAW_USAGE);
      const paper = (typeof context.options['paper'] === 'string' ? context.options['paper'] : 'A4') as PaperSize;
      const { keyCards } = context.app;
      const drawn = await keyCards.draw({ role, threshold, holders, paper });
      try {
        for (const card of drawn.cards) {
          await keyCards.printCard(drawn.setId, card.number, printer);
          context.io.err(`Card ${card.number} of ${drawn.cards.length} printed for ${card.holder}: they take it from the printer now.`);
        }
        const current = drawn.replacesKey ? await readMasterKey(context, role) : undefined;
        const { report, scheme } = await keyCards.rekey({ setId: drawn.setId, ...(current !== undefined ? { current } : {}), leaveBehind: context.options['leave-behind'] === true });
        if (context.json) context.io.out(JSON.stringify({ scheme, job: report.job }, null, 2));
        else context.io.out(`The ${role === 'vault' ? 'vault' : 'seed store'} now opens with any ${threshold} of the ${holders.length} key cards (set ${drawn.setId}); write job ${report.job.status}. Replacing a holder means drawing a new set.`);
        return report.job.status === 'complete' ? 0 : 1;
      } catch (error) {
        // Nothing was re-keyed, so the printed cards open nothing: drop the set rather than leave it half-done.
        if (context.app.keys.preparedFor(role)?.setId === drawn.setId) keyCards.discard(drawn.setId);
        throw error;
      }
    },
  },
  'keycards combine': {
    async run(context) {
      const first = decodeScannedShare(await context.passphrases.next('Key card 1 (scan its QR code)'));
      const shares = [first];
      while (shares.length < first.threshold) shares.push(decodeScannedShare(await context.passphrases.next(`Key card ${shares.length + 1} of the ${first.threshold} needed (scan its QR code)`)));
      const key = await combineShares(shares);
      try {
        context.io.err(`The master key of the ${first.role === 'vault' ? 'vault' : 'seed store'} (set ${first.setId}). Type it into KeePassXC; never write it down. Re-key the role afterwards.`);
        context.io.out(masterKeyPassphrase(key));
      } finally {
        key.fill(0);
      }
      return 0;
    },
  },
};
