import type { StrongroomApi } from '../src-main/contract/channels';
import type { ChannelError, Result } from '../src-main/contract/result';

declare global {
  interface Window {
    readonly strongroom: StrongroomApi;
  }
}

/** The only way the renderer reaches the main process: the contract's functions, injected by the preload. */
export function api(): StrongroomApi {
  return window.strongroom;
}

export type { ChannelError, Result };
