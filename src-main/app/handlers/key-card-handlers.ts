import type { FeatureHandlers } from '../../contract/dispatch';
import type { keyCardChannels } from '../../contract/key-card-channels';
import type { StrongroomApp } from '../strongroom-app';

export function keyCardHandlers({ keyCards }: StrongroomApp): FeatureHandlers<typeof keyCardChannels> {
  return {
    keySchemes: () => keyCards.schemes(),
    readKeyCard: ({ entry }) => keyCards.readCard(entry),
    checkKeyCardLine: ({ lineNumber, text, check }) => keyCards.checkLine(lineNumber, text, check),
  };
}
