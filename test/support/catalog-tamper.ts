import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FILE } from '../../src-main/catalog/catalog-database';

/**
 * Changes one byte of the catalog file where `marker` is stored, as someone with a hex editor would. The catalog
 * must be closed (WAL checkpointed) first so the row lives in the main file.
 */
export function flipByteInCatalog(home: string, marker: string): void {
  const path = join(home, CATALOG_FILE);
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(marker, 'utf8'));
  if (at < 0) throw new Error(`marker ${marker} not found in the catalog file`);
  if (bytes.indexOf(Buffer.from(marker, 'utf8'), at + 1) >= 0) throw new Error(`marker ${marker} is not unique`);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(path, bytes);
}
