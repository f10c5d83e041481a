import { describe, expect, it } from 'vitest';
import { parseLsblkJson } from '../../src-main/platform/linux-lsblk-output';

describe('reading lsblk JSON strictly', () => {
  it('reads a disk with a partition, keeping fields Strongroom does not read and old lsblk strings', () => {
    const devices = parseLsblkJson(
      JSON.stringify({ blockdevices: [{ name: 'sdb', type: 'disk', size: '16013942784', rm: '1', 'phy-sec': 512, children: [{ name: 'sdb1', type: 'part', path: '/dev/sdb1', mountpoints: [null] }] }] }),
    );
    expect(devices).toEqual([
      { name: 'sdb', type: 'disk', size: '16013942784', rm: '1', 'phy-sec': 512, children: [{ name: 'sdb1', type: 'part', path: '/dev/sdb1', mountpoints: [null] }] },
    ]);
  });

  it('refuses a listing in which a partition path is not text, naming where, rather than half-read it', () => {
    const listing = JSON.stringify({ blockdevices: [{ name: 'sdb', type: 'disk', children: [{ name: 'sdb1', type: 'part', path: 42 }] }] });
    expect(() => parseLsblkJson(listing)).toThrow(
      'Strongroom could not read the list of drives (lsblk described blockdevices.0.children.0.path in a form Strongroom does not know). Restart the kiosk; if it happens again, call the Strongroom maintainer.',
    );
    expect(() => parseLsblkJson(listing)).toThrow(expect.objectContaining({ code: 'DRIVE_ENUMERATION_FAILED' }));
  });

  it('refuses a negative size and an empty device name', () => {
    expect(() => parseLsblkJson(JSON.stringify({ blockdevices: [{ name: 'sdb', type: 'disk', size: -1 }] }))).toThrow(/described blockdevices\.0\.size in a form/);
    expect(() => parseLsblkJson(JSON.stringify({ blockdevices: [{ name: '', type: 'disk' }] }))).toThrow(/described blockdevices\.0\.name in a form/);
  });
});
