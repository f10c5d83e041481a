import type { FuzzProperty } from '../fuzz-kit';
import { accountImportProperties } from './account-import-properties';
import { paperLineProperties, seedProperties } from './seed-properties';

/** Every fuzz property, one module per parser of outside input. */
export const ALL_FUZZ_PROPERTIES: readonly FuzzProperty[] = [...accountImportProperties, ...seedProperties, ...paperLineProperties];
