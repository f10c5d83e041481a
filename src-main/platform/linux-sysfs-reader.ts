/**
 * The sysfs side of drive enumeration: a reader port (so the walk is tested on a recorded tree) and the walk from a
 * block device up to the USB device that carries it.
 */

import { readFile, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { UsbDeviceInfo } from './drive-enumerator';
import { emptyToNull } from './linux-lsblk-output';

/** Reads sysfs. Injected so the USB ancestry walk is tested on a recorded tree. */
export interface SysfsReader {
  /** File content with surrounding whitespace trimmed, or null when the file does not exist or cannot be read. */
  readFile(path: string): Promise<string | null>;
  realpath(path: string): Promise<string | null>;
}

export const nodeSysfsReader: SysfsReader = {
  async readFile(path) {
    try {
      return (await readFile(path, 'utf8')).trim();
    } catch {
      return null;
    }
  },
  async realpath(path) {
    try {
      return await realpath(path);
    } catch {
      return null;
    }
  },
};
/**
 * Walks from a block device's sysfs node up to the USB device that carries it. The nearest ancestor with
 * idVendor/idProduct is the stick (or its enclosure); going further would reach the root hub.
 */
export async function readUsbAncestry(sysfs: SysfsReader, kernelName: string): Promise<UsbDeviceInfo | null> {
  const start = await sysfs.realpath(`/sys/block/${kernelName}`);
  if (start === null || !start.startsWith('/sys/devices/')) return null;
  let dir = dirname(start);
  while (dir.startsWith('/sys/devices/') && dir !== '/sys/devices') {
    const vendorId = await sysfs.readFile(`${dir}/idVendor`);
    const productId = await sysfs.readFile(`${dir}/idProduct`);
    if (vendorId !== null && productId !== null) {
      return {
        vendorId: vendorId.toLowerCase(),
        productId: productId.toLowerCase(),
        serial: emptyToNull(await sysfs.readFile(`${dir}/serial`)),
        manufacturer: emptyToNull(await sysfs.readFile(`${dir}/manufacturer`)),
        product: emptyToNull(await sysfs.readFile(`${dir}/product`)),
      };
    }
    dir = dirname(dir);
  }
  return null;
}
