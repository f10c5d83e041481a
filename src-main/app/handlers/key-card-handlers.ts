import type { FeatureHandlers } from '../../contract/dispatch';
import type { keyCardChannels } from '../../contract/key-card-channels';
import type { StrongroomApp } from '../strongroom-app';
import { toWriteJobView } from '../custody-views';

export function keyCardHandlers({ keyCards, mediaFeed }: StrongroomApp): FeatureHandlers<typeof keyCardChannels> {
  return {
    keySchemes: () => keyCards.schemes(),
    readKeyCard: ({ entry }) => keyCards.readCard(entry),
    checkKeyCardLine: ({ lineNumber, text, check }) => keyCards.checkLine(lineNumber, text, check),
    drawKeyCards: ({ role, threshold, holders, paper, organisation }) => keyCards.draw({ role, threshold, holders, paper, ...(organisation ? { organisation } : {}) }),
    preparedKeyCards: ({ role }) => keyCards.prepared(role),
    printKeyCard: ({ setId, number, printer }) => keyCards.printCard(setId, number, printer),
    discardKeyCards: ({ setId }) => {
      keyCards.discard(setId);
      return { discarded: true as const };
    },
    rekeyWithKeyCards: async ({ setId, current, leaveBehind }) => {
      try {
        const { report, scheme } = await keyCards.rekey({ setId, ...(current !== undefined ? { current } : {}), ...(leaveBehind ? { leaveBehind } : {}) });
        return { job: toWriteJobView(report.job), scheme };
      } finally {
        // The sticks of the role now hold a new generation: the media views read them afresh.
        mediaFeed.bump();
      }
    },
  };
}
