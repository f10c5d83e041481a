import type { FuzzProperty } from '../fuzz-kit';
import { accountImportProperties } from './account-import-properties';
import { auditCopyProperties } from './audit-copy-properties';
import { cliProperties } from './cli-properties';
import { driveOutputProperties } from './drive-output-properties';
import { ipcProperties } from './ipc-properties';
import { kdbxHeaderProperties } from './kdbx-header-properties';
import { manifestProperties } from './manifest-properties';
import { paperLineProperties, seedProperties } from './seed-properties';
import { stickTextProperties } from './stick-text-properties';

/** Every fuzz property, one module per parser of outside input. */
export const ALL_FUZZ_PROPERTIES: readonly FuzzProperty[] = [
  ...accountImportProperties,
  ...seedProperties,
  ...paperLineProperties,
  ...manifestProperties,
  ...auditCopyProperties,
  ...driveOutputProperties,
  ...kdbxHeaderProperties,
  ...ipcProperties,
  ...cliProperties,
  ...stickTextProperties,
];
