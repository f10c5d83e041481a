import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames, ipcChannel } from '../contract/channels';
import type { Dispatch } from '../contract/dispatch';
import { ErrorCode } from '../core/errors';
import { APP_ORIGIN } from './app-protocol';

/**
 * Registers every contract channel with ipcMain. A request is answered only when it comes from the app's own
 * top-level frame: a sub-frame or a page that somehow navigated elsewhere gets a refusal, not a handler.
 */
export function bindIpc(dispatch: Dispatch): void {
  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), async (event, request: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: ErrorCode.BadRequest, message: 'Request refused: it did not come from the Strongroom window.' } };
      }
      return dispatch(name, request);
    });
  }
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}
