/**
 * What Linux's block-device tools print, read strictly: `lsblk -J -b -O` and `blkid -o export` parsed into typed
 * records, and the small value normalisers (flags and sizes printed as strings by old lsblk) the rest shares.
 */

import type * as Zod from 'zod';
import { ErrorCode, StrongroomError } from '../core/errors';
import { onFirstUse, requirePackage } from '../core/first-use';
import type { UsbDeviceInfo } from './drive-enumerator';

/** One disk as lsblk and sysfs describe it, with Strongroom's verdict. `inspect()` returns these for every disk. */
/** The subset of `lsblk -J -b -O` Strongroom reads. Old lsblk (< 2.33) prints every value as a string. */
export interface LsblkDevice {
  readonly name: string;
  readonly kname?: string;
  readonly path?: string;
  readonly type: string;
  readonly size?: number | string | null;
  readonly mountpoints?: readonly (string | null)[];
  readonly mountpoint?: string | null;
  readonly fstype?: string | null;
  readonly label?: string | null;
  readonly uuid?: string | null;
  readonly ptuuid?: string | null;
  readonly pttype?: string | null;
  readonly partn?: number | string | null;
  readonly tran?: string | null;
  readonly rm?: boolean | string | null;
  readonly hotplug?: boolean | string | null;
  readonly ro?: boolean | string | null;
  readonly model?: string | null;
  readonly vendor?: string | null;
  readonly serial?: string | null;
  readonly wwn?: string | null;
  readonly children?: readonly LsblkDevice[];
}

/** Facts gathered outside lsblk, keyed by kernel name (sdb, loop3p1). */
export interface LinuxDiskFacts {
  /** `blkid -o export` output per device node name, for devices lsblk knew nothing about (no udev database). */
  readonly blkid: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly usb: ReadonlyMap<string, UsbDeviceInfo>;
  readonly loopBackingFile: ReadonlyMap<string, string>;
}

// zod is read on the first listing, not at import: every `strongroom` process imports the drive enumerator, while
// only a command that lists real drives parses lsblk.
const lsblkOutputSchema = onFirstUse((): Zod.ZodType<{ blockdevices: LsblkDevice[] }> => {
  const { z } = requirePackage<typeof Zod>('zod');
  const text = z.string().nullish();
  const flag = z.union([z.boolean(), z.string()]).nullish();
  const count = z.union([z.number().nonnegative(), z.string()]).nullish();

  /**
   * The fields Strongroom reads, in the types lsblk prints them (old lsblk prints every value as a string). Other
   * fields are kept as they are. A device that does not fit is a broken tool, not a stick to guess about: the
   * listing is refused rather than half-read (a path that is not a string must never become a device path).
   */
  const LsblkDeviceSchema: Zod.ZodType<LsblkDevice> = z.lazy(() =>
    z
      .object({
        name: z.string().min(1),
        kname: z.string().min(1).optional(),
        path: z.string().min(1).optional(),
        type: z.string(),
        size: count,
        mountpoints: z.array(z.string().nullable()).optional(),
        mountpoint: text,
        fstype: text,
        label: text,
        uuid: text,
        ptuuid: text,
        pttype: text,
        partn: count,
        tran: text,
        rm: flag,
        hotplug: flag,
        ro: flag,
        model: text,
        vendor: text,
        serial: text,
        wwn: text,
        children: z.array(LsblkDeviceSchema).optional(),
      })
      .loose(),
  ) as Zod.ZodType<LsblkDevice>;
  return z.object({ blockdevices: z.array(LsblkDeviceSchema) }).loose();
});

export function parseLsblkJson(text: string): LsblkDevice[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      'Strongroom could not read the list of drives (lsblk printed something that is not JSON). Restart the kiosk; if it happens again, call the Strongroom maintainer.',
    );
  }
  if (!Array.isArray((parsed as { blockdevices?: unknown } | null)?.blockdevices)) {
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      'Strongroom could not read the list of drives (lsblk gave no "blockdevices"). Restart the kiosk; if it happens again, call the Strongroom maintainer.',
    );
  }
  const checked = lsblkOutputSchema().safeParse(parsed);
  if (!checked.success) {
    const where = checked.error.issues[0]?.path.join('.') ?? 'a device';
    throw new StrongroomError(
      ErrorCode.DriveEnumerationFailed,
      `Strongroom could not read the list of drives (lsblk described ${where} in a form Strongroom does not know). Restart the kiosk; if it happens again, call the Strongroom maintainer.`,
      { where },
    );
  }
  return checked.data.blockdevices;
}

/** `blkid -o export` prints KEY=value lines; values are shell-escaped with backslashes. */
export function parseBlkidExport(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).replace(/\\(.)/g, '$1');
  }
  return out;
}

/**
 * blkid's export output for several devices at once: one block per device, each opening with DEVNAME=. Keyed by
 * that DEVNAME; a device blkid found nothing on has no block. A single block without DEVNAME belongs to `only`,
 * the one device asked about, if there was just one.
 */
export function parseBlkidExports(text: string, only?: string): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  const blocks: string[][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (blocks.at(-1)?.length) blocks.push([]);
      continue;
    }
    if (line.startsWith('DEVNAME=') || blocks.length === 0) blocks.push([]);
    blocks.at(-1)!.push(line);
  }
  for (const block of blocks) {
    if (block.length === 0) continue;
    const facts = parseBlkidExport(block.join('\n'));
    const device = facts['DEVNAME'] ?? only;
    if (device !== undefined && !found.has(device)) found.set(device, facts);
  }
  return found;
}

export function devicePathOf(node: LsblkDevice): string {
  return node.path ?? `/dev/${node.kname ?? node.name}`;
}

export function asBool(value: boolean | string | null | undefined): boolean {
  return value === true || value === '1' || value === 'true';
}

export function asNumber(value: number | string | null | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

export function emptyToNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}
