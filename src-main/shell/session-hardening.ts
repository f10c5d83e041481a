import type { Session } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/**
 * The kiosk is air-gapped by policy; the window is too. Every request that is not for the app's own files is
 * cancelled, and the renderer may never gain a permission (camera, clipboard-read, notifications, HID...).
 */
export function hardenSession(session: Session, allowDevtools: boolean): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      details.url.startsWith(`${APP_ORIGIN}/`) || (allowDevtools && details.url.startsWith('devtools://'));
    callback({ cancel: !allowed });
  });
}
