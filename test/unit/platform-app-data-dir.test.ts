import { describe, expect, it } from 'vitest';
import { resolveStrongroomHome } from '../../src-main/platform/app-data-dir';

describe('where the catalog lives', () => {
  it('uses STRONGROOM_HOME when it is set', () => {
    expect(resolveStrongroomHome({ STRONGROOM_HOME: '/srv/strongroom' }, 'linux', '/home/kiosk')).toBe('/srv/strongroom');
  });

  it('uses the OS app-data folder otherwise', () => {
    expect(resolveStrongroomHome({}, 'linux', '/home/kiosk')).toBe('/home/kiosk/.config/Strongroom');
    expect(resolveStrongroomHome({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/kiosk')).toBe('/cfg/Strongroom');
    expect(resolveStrongroomHome({}, 'darwin', '/Users/kiosk')).toBe('/Users/kiosk/Library/Application Support/Strongroom');
    expect(resolveStrongroomHome({ APPDATA: 'C:\\Users\\kiosk\\AppData\\Roaming' }, 'win32', 'C:\\Users\\kiosk')).toMatch(/Roaming.Strongroom$/);
  });
});
