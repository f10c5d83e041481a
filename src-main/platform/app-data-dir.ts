import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the catalog lives: STRONGROOM_HOME when set (tests, a second practice catalog), else a "Strongroom"
 * folder in the OS's per-user application-data folder. The window and the CLI both resolve it here, never through
 * Electron's app.getPath, so the two always read the same catalog.
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
