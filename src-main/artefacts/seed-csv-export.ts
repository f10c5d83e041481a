import type { Account } from '../core/account';
import { writeCsv } from '../core/csv';
import type { Seed } from '../core/seed';
import { CSV_COLUMNS } from './account-import';

/**
 * The seed table as CSV, in the same columns the import reads, so a seed medium's table can be taken back in.
 * Every cell goes through the formula neutraliser: the table is likely to be opened in a spreadsheet, and an
 * account name is text an attacker with AWS access could have chosen. The text returned holds seeds; where it
 * goes (only ever a seed medium) is the caller's decision.
 */
export interface SeedTableRow {
  readonly account: Pick<Account, 'accountId' | 'name' | 'rootEmail'>;
  readonly seed: Seed;
}

export function seedTableCsv(rows: readonly SeedTableRow[]): string {
  return writeCsv([
    [CSV_COLUMNS.id, CSV_COLUMNS.name, CSV_COLUMNS.email, CSV_COLUMNS.seed],
    ...rows.map(({ account, seed }) => [account.accountId, account.name, account.rootEmail, seed.base32]),
  ]);
}
