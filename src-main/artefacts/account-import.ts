import { makeAccount, validateAccountId, validateAccountName, validateRootEmail, type Account } from '../core/account';
import { parseCsv, restoreNeutralisedCell, type CsvRecord } from '../core/csv';
import { ErrorCode, StrongroomError, isStrongroomError } from '../core/errors';
import { parseSeed, type Seed } from '../core/seed';

/**
 * Taking accounts in from what a custodian brings to the kiosk: the JSON that `aws organizations list-accounts`
 * prints, or a CSV table (Account #, Account Name, Account Email, optional MFA Seed). Nothing is refused quietly
 * and nothing is half-taken: every row is either a valid account or a problem with its line number, and the
 * caller imports nothing unless the custodian has seen the problems and agreed to go on without those rows.
 */

export type ImportFormat = 'organizations-json' | 'csv';

export type ImportProblemKind = 'bad-id' | 'bad-email' | 'bad-name' | 'bad-status' | 'duplicate-id' | 'bad-seed';

export interface ImportProblem {
  /** 1-based line in the file where the row (CSV) or the account object (JSON) starts. */
  readonly line: number;
  readonly kind: ImportProblemKind;
  /** A sentence for the custodian; never contains a seed. */
  readonly message: string;
}

/** Something about a valid row the custodian should look at before taking custody. */
export type ImportNotice = 'suspended' | 'closing';

export interface ImportedAccount {
  readonly line: number;
  readonly account: Account;
  /** From the CSV's MFA Seed column; held in memory only, never written to the kiosk. */
  readonly seed?: Seed;
  readonly notices: readonly ImportNotice[];
}

export interface AccountImport {
  readonly format: ImportFormat;
  readonly accounts: readonly ImportedAccount[];
  readonly problems: readonly ImportProblem[];
  /** How many seeds came from the CSV, and how many of those were unwrapped from AWS's Base32StringSeed. */
  readonly seedCount: number;
  readonly awsWrappedSeedCount: number;
  /**
   * The file lists the whole organisation: a list-accounts JSON without NextToken. A page of a longer listing
   * (NextToken set) or a CSV table is not, so it never says an account left the organisation.
   */
  readonly completeListing: boolean;
  /** Set when the listing is one page of several (its NextToken), so the custodian can be told. */
  readonly incompleteBecause: string | null;
}

interface RawRow {
  readonly line: number;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly email: string | undefined;
  readonly status?: string;
  readonly seed?: string;
  /** Set when the id was not text, e.g. a number that has lost its leading zeros. */
  readonly idProblem?: string;
}

/** Reads either format, telling them apart by the first character. */
export function importAccounts(text: string): AccountImport {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body.trimStart().startsWith('{') ? importOrganizationsJson(body) : importAccountCsv(body);
}

function unreadable(message: string): StrongroomError {
  return new StrongroomError(ErrorCode.ImportUnreadable, message);
}

// ---------------------------------------------------------------------------------------------------------------
// aws organizations list-accounts

export function importOrganizationsJson(input: string): AccountImport {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes part of the text; it stays out of what the custodian sees and logs.
    throw unreadable('This file starts like JSON but cannot be read as JSON. Save the output of "aws organizations list-accounts" again, unchanged.');
  }
  const accounts = (parsed as { Accounts?: unknown } | null)?.Accounts;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(accounts)) {
    throw unreadable('This JSON has no "Accounts" list. Use the output of "aws organizations list-accounts" as it is printed.');
  }
  const nextToken = (parsed as { NextToken?: unknown }).NextToken;
  const paged = nextToken !== undefined && nextToken !== null && nextToken !== '';
  const lines = elementLines(text, 'Accounts');
  const rows: RawRow[] = accounts.map((item: unknown, index) => {
    const line = lines[index] ?? 1;
    const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const text = (key: string): string | undefined => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
    // State (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED...) replaces the older Status; prefer it when present.
    const status = text('State') ?? text('Status');
    const rawId = record['Id'];
    return {
      line,
      id: text('Id'),
      name: text('Name'),
      email: text('Email'),
      ...(status !== undefined ? { status } : {}),
      ...(typeof rawId === 'number'
        ? { idProblem: `Line ${line}: the account id is written as a number, which loses leading zeros. Put it in quotes exactly as AWS prints it.` }
        : {}),
    };
  });
  return {
    ...validateRows('organizations-json', rows),
    completeListing: !paged,
    incompleteBecause: paged
      ? 'This listing is one page of several (it carries a NextToken): accounts on the other pages are not in it. Run "aws organizations list-accounts" without --max-items (the CLI then fetches every page) and import that output.'
      : null,
  };
}

/**
 * Start lines of the elements of the top-level array under `key`, found by a small scan over the text (which
 * JSON.parse has already accepted), so problems can name a line like the CSV import does.
 */
function elementLines(text: string, key: string): number[] {
  const lines: number[] = [];
  const stack: ('{' | '[')[] = [];
  let line = 1;
  let lastString: string | undefined;
  let topLevelKey: string | undefined;
  let insideTarget = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n') {
      line += 1;
      continue;
    }
    if (/\s/.test(ch)) continue;
    const atTargetLevel = insideTarget && stack.length === 2;
    if (atTargetLevel && expectValue && ch !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') {
      let value = '';
      for (i += 1; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i += 1;
        value += text[i];
      }
      lastString = value;
      continue;
    }
    if (ch === ':') {
      if (stack.length === 1) topLevelKey = lastString;
    } else if (ch === '{' || ch === '[') {
      stack.push(ch);
      if (ch === '[' && stack.length === 2 && topLevelKey === key) {
        insideTarget = true;
        expectValue = true;
      }
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      if (insideTarget && stack.length === 1) insideTarget = false;
    } else if (ch === ',' && atTargetLevel) {
      expectValue = true;
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

export const CSV_COLUMNS = {
  id: 'Account #',
  name: 'Account Name',
  email: 'Account Email',
  seed: 'MFA Seed',
} as const;

function headerKey(cell: string): string {
  return cell.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function importAccountCsv(text: string): AccountImport {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) throw unreadable('This CSV file is empty. It needs a header row: Account #, Account Name, Account Email, MFA Seed.');
  const index = (column: string): number => header.cells.findIndex((cell) => headerKey(cell) === headerKey(column));
  const columns = { id: index(CSV_COLUMNS.id), name: index(CSV_COLUMNS.name), email: index(CSV_COLUMNS.email), seed: index(CSV_COLUMNS.seed) };
  const missing = (['id', 'name', 'email'] as const).filter((key) => columns[key] < 0).map((key) => CSV_COLUMNS[key]);
  if (missing.length > 0) {
    throw unreadable(
      `Line ${header.line}: the header row has no ${missing.join(', ')} column. ` +
        'The first row must name the columns Account #, Account Name, Account Email and, if seeds are included, MFA Seed.',
    );
  }
  const cell = (record: CsvRecord, column: number): string | undefined =>
    column < 0 ? undefined : restoreNeutralisedCell(record.cells[column] ?? '').trim();
  const rows: RawRow[] = records
    .slice(1)
    // Spreadsheets often leave rows of empty cells at the end; they are not accounts and not problems.
    .filter((record) => record.cells.some((value) => value.trim() !== ''))
    .map((record) => {
      const seed = cell(record, columns.seed);
      return {
        line: record.line,
        // A table says nothing of the account's state in AWS: no status is claimed, so a known one is kept.
        id: cell(record, columns.id),
        name: cell(record, columns.name),
        email: cell(record, columns.email),
        ...(seed ? { seed } : {}),
      };
    });
  return { ...validateRows('csv', rows), completeListing: false, incompleteBecause: null };
}

// ---------------------------------------------------------------------------------------------------------------

/** ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, and any state AWS adds later in the same form. */
const AWS_STATE = /^[A-Z][A-Z_]{0,39}$/;

function problemFrom(line: number, kind: ImportProblemKind, error: unknown): ImportProblem {
  if (!isStrongroomError(error)) throw error;
  return { line, kind, message: `Line ${line}: ${error.message}` };
}

function validateRows(format: ImportFormat, rows: readonly RawRow[]): Omit<AccountImport, 'completeListing' | 'incompleteBecause'> {
  const accounts: ImportedAccount[] = [];
  const problems: ImportProblem[] = [];
  const firstLineOf = new Map<string, number>();
  let seedCount = 0;
  let awsWrappedSeedCount = 0;

  for (const row of rows) {
    const rowProblems: ImportProblem[] = [];
    const checked = <T>(kind: ImportProblemKind, check: () => T): T | undefined => {
      try {
        return check();
      } catch (error) {
        rowProblems.push(problemFrom(row.line, kind, error));
        return undefined;
      }
    };
    if (row.idProblem) rowProblems.push({ line: row.line, kind: 'bad-id', message: row.idProblem });
    if (row.status !== undefined && !AWS_STATE.test(row.status)) {
      // The state is printed and stored as it is; a value AWS never reports (or one carrying control characters
      // to forge terminal output) is refused rather than kept.
      rowProblems.push({
        line: row.line,
        kind: 'bad-status',
        message: `Line ${row.line}: the account's State is not one AWS reports (a word such as ACTIVE or SUSPENDED). Save the output of "aws organizations list-accounts" again, unchanged.`,
      });
    }
    const accountId = row.idProblem ? undefined : checked('bad-id', () => validateAccountId(row.id ?? ''));
    const name = checked('bad-name', () => validateAccountName(row.name ?? ''));
    const rootEmail = checked('bad-email', () => validateRootEmail(row.email ?? ''));

    let seed: Seed | undefined;
    if (row.seed !== undefined) {
      try {
        seed = parseSeed(row.seed);
      } catch (error) {
        rowProblems.push(problemFrom(row.line, 'bad-seed', error));
      }
    }

    if (accountId !== undefined) {
      const first = firstLineOf.get(accountId);
      if (first !== undefined) {
        rowProblems.push({
          line: row.line,
          kind: 'duplicate-id',
          message: `Line ${row.line}: account ${accountId} is already on line ${first}. Keep one row per account.`,
        });
      } else {
        firstLineOf.set(accountId, row.line);
      }
    }

    if (rowProblems.length > 0 || accountId === undefined || name === undefined || rootEmail === undefined) {
      problems.push(...rowProblems);
      continue;
    }
    const account = makeAccount({ accountId, name, rootEmail, ...(row.status !== undefined ? { awsStatus: row.status } : {}) });
    if (seed) {
      seedCount += 1;
      if (seed.source === 'aws-base32-string-seed') awsWrappedSeedCount += 1;
    }
    accounts.push({ line: row.line, account, ...(seed ? { seed } : {}), notices: noticesFor(account.awsStatus) });
  }
  return { format, accounts, problems, seedCount, awsWrappedSeedCount };
}

function noticesFor(status: string | null): ImportNotice[] {
  if (status === 'SUSPENDED') return ['suspended'];
  if (status === 'PENDING_CLOSURE' || status === 'CLOSED') return ['closing'];
  return [];
}
