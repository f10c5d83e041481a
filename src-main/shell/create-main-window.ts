import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './app-protocol';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly kiosk: boolean;
  readonly allowDevtools: boolean;
}

/** The only place a window is made; every security setting is here, none is relaxed. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    kiosk: options.kiosk,
    title: 'Strongroom',
    backgroundColor: '#f4f1ea',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.allowDevtools,
      safeDialogs: true,
      // A middle click must not open anything: there is nothing outside the app to go to.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  const contents = window.webContents;
  // The renderer never leaves the app: links, drag-and-drop and scripted navigation are all refused.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
