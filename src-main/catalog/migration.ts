/**
 * One step of the catalog's schema: its own module, so the schema versions kept in their own files
 * (schema-v1-records and on) and the list in migrations.ts can both name it without importing each other.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}
