import type { MediumManifest } from '../core/medium-manifest';
import type { MediumRecord } from '../catalog/media-store';
import type { DriveInfo, PartitionInfo } from '../platform/drive-enumerator';
import type { MediumScan } from '../platform/medium-scanner';

/**
 * A drive as the Media screen and `strongroom drives` show it: what the device says, what a fresh scan found on
 * it, and what the catalog knows it as. Its own module because the media desk, the stick reads and writes, and the
 * card views all name it, and none of them may import another just for this type.
 */
export interface InsertedMedium {
  readonly drive: DriveInfo;
  readonly scan: MediumScan;
  /** The Strongroom label found on the stick, with the partition that carries it. */
  readonly manifest: MediumManifest | null;
  readonly home: { readonly partition: PartitionInfo; readonly mountpoint: string } | null;
  readonly catalogRecord: MediumRecord | null;
}
