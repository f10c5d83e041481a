import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the catalog lives: STRONGROOM_HOME when set (tests, a second practice catalog), else the OS's
 * per-user application-data folder, the same folder Electron's app.getPath('userData') would choose, so the
 * app and the CLI always read the same catalog.
 */
export function resolveStrongroomHome(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env['STRONGROOM_HOME'];
  if (override && override.trim() !== '') return override;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Strongroom');
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Strongroom');
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Strongroom');
  }
}
