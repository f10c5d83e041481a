/**
 * shell/: the thin Electron shell, the only folder that imports electron: window creation and session
 * hardening, content security policy, the app protocol, the preload and the binding of the contract's handler
 * table to IPC, and the app lifecycle here. May import app/, contract/, core/ and platform/; holds no use case.
 */
import { app, clipboard, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { createHandlers } from '../app/handlers';
import { StrongroomApp } from '../app/strongroom-app';
import { createDispatcher } from '../contract/dispatch';
import { resolveStrongroomHome } from '../platform/app-data-dir';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createMainWindow } from './create-main-window';
import { bindIpc } from './ipc-binding';
import { hardenSession } from './session-hardening';

// One kiosk, one window, one catalog writer: a second launch focuses the first instead of racing it.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  void app.whenReady().then(start);
}

function start(): void {
  const allowDevtools = !app.isPackaged;
  const core = new StrongroomApp({
    home: resolveStrongroomHome(),
    // The system clipboard, for pasting a revealed root password into the AWS sign-in page; cleared after 30 s.
    clipboard: { writeText: (text) => clipboard.writeText(text), readText: () => clipboard.readText(), clear: () => clipboard.clear() },
  });
  const dispatch = createDispatcher(createHandlers(core), (channel, error) => {
    // Only the channel and the error's class go to the log: a message could quote data from a medium.
    console.error(`Strongroom: unexpected failure in ${channel}: ${(error as Error)?.name ?? 'Error'}`);
  });

  hardenSession(session.defaultSession, allowDevtools);
  serveRenderer(fileURLToPath(new URL('../renderer/', import.meta.url)));
  bindIpc(dispatch);

  const window = createMainWindow({
    preloadPath: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
    kiosk: process.argv.includes('--kiosk'),
    allowDevtools,
  });
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core.close());
}
