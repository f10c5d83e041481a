import { z } from 'zod';

/**
 * How Strongroom recognises one physical device across insertions. The separation invariant is about PHYSICAL
 * devices, so the identity belongs to the disk, never to a partition: every partition of a stick shares it.
 *
 * Sources, strongest first:
 * - 'usb-serial': the serial number the stick's USB controller reports. Survives reformatting and repartitioning.
 * - 'wwn': a World Wide Name (rare on sticks, common on USB-attached SSDs).
 * - 'disk-serial': the serial the disk itself reports through the OS (SCSI/ATA), when USB gives none.
 * - 'partition-table+fs-uuids': derived from what is written ON the device. Weak: a reformat changes it, so the
 *   catalog may see a known device as new. Used for loop devices and sticks without a serial.
 * - 'simulated': practice drives (a folder); never a real device.
 */
export const IDENTITY_SOURCES = ['usb-serial', 'wwn', 'disk-serial', 'partition-table+fs-uuids', 'simulated'] as const;

export type IdentitySource = (typeof IDENTITY_SOURCES)[number];

export interface DeviceIdentity {
  readonly value: string;
  readonly source: IdentitySource;
}

export const DeviceIdentitySchema = z.object({
  value: z.string().min(1).max(512),
  source: z.enum(IDENTITY_SOURCES),
});

/** One string per identity, for catalog keys and comparisons: the same serial from two sources is two identities. */
export function identityKey(identity: DeviceIdentity): string {
  return `${identity.source}:${identity.value}`;
}

export function sameIdentity(a: DeviceIdentity, b: DeviceIdentity): boolean {
  return a.source === b.source && a.value === b.value;
}

/**
 * Cheap controllers ship thousands of sticks with the same placeholder serial ("0123456789ABCDEF", all zeros).
 * Two such sticks would look like one device to the catalog, so a placeholder is treated as no serial at all.
 */
export function isPlausibleSerial(serial: string | null | undefined): serial is string {
  if (serial === null || serial === undefined) return false;
  const s = normaliseSerial(serial);
  if (s.length < 4) return false;
  if (/^(.)\1*$/.test(s)) return false;
  if (s === '0123456789ABCDEF' || s === '123456789ABCDEF0' || s === '0123456789') return false;
  return true;
}

/**
 * Serials come back with padding and in mixed case depending on the OS (Windows pads SCSI serials with spaces,
 * macOS lowercases some). Normalising lets the same stick keep one identity on every kiosk OS.
 */
export function normaliseSerial(serial: string): string {
  return serial.trim().replace(/\s+/g, '').toUpperCase();
}

export function serialIdentity(source: 'usb-serial' | 'disk-serial' | 'wwn', serial: string): DeviceIdentity {
  return { source, value: normaliseSerial(serial) };
}

/**
 * Identity from the partition table id and the filesystem UUIDs, sorted so partition order does not matter.
 * Returns null for a blank device: nothing written on it means nothing to recognise it by.
 */
export function contentIdentity(
  partitionTableId: string | null,
  filesystemUuids: readonly (string | null)[],
): DeviceIdentity | null {
  const uuids = filesystemUuids.filter((u): u is string => typeof u === 'string' && u.trim() !== '');
  const table = partitionTableId?.trim() ? partitionTableId.trim().toLowerCase() : null;
  if (table === null && uuids.length === 0) return null;
  const fs = [...new Set(uuids.map((u) => u.trim().toUpperCase()))].sort();
  return { source: 'partition-table+fs-uuids', value: `pt=${table ?? 'none'};fs=${fs.join(',') || 'none'}` };
}

/** For messages: "USB serial 4C530001231129115443", "a practice drive named stick-a". */
export function describeIdentity(identity: DeviceIdentity): string {
  switch (identity.source) {
    case 'usb-serial':
      return `USB serial ${identity.value}`;
    case 'wwn':
      return `WWN ${identity.value}`;
    case 'disk-serial':
      return `disk serial ${identity.value}`;
    case 'partition-table+fs-uuids':
      return `partition layout ${identity.value}`;
    case 'simulated':
      return `practice drive "${identity.value}"`;
  }
}
