import { ErrorCode, StrongroomError } from './errors';

/**
 * CSV as RFC 4180 writes it, plus what spreadsheets do in practice: a UTF-8 byte-order mark in front, and LF or
 * CR alone as line ends. Every record keeps the line it started on so an import can say "line 14: ...".
 */
export interface CsvRecord {
  /** 1-based physical line where the record starts (a quoted newline makes a record span several lines). */
  readonly line: number;
  readonly cells: readonly string[];
}

function malformed(line: number, message: string): StrongroomError {
  return new StrongroomError(ErrorCode.CsvMalformed, `Line ${line}: ${message}`, { line });
}

type CellState = 'start' | 'unquoted' | 'quoted' | 'after-quote';

/** Parses the whole text; throws CSV_MALFORMED naming the line of an unbalanced or misplaced quote. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let state: CellState = 'start';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  // A blank line is no record at all, but a line holding only "" or only commas is.
  let recordHasContent = false;

  const finishRecord = (): void => {
    cells.push(cell);
    if (recordHasContent) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    state = 'start';
    recordHasContent = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (state === 'quoted') {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else {
          state = 'after-quote';
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === ',') {
      cells.push(cell);
      cell = '';
      state = 'start';
      recordHasContent = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      finishRecord();
      line += 1;
      recordLine = line;
    } else if (ch === '"') {
      // After a closing quote the next character cannot be a quote (the pair would have been read as an escaped
      // quote), so a quote here always sits inside an unquoted value.
      if (state !== 'start') {
        throw malformed(line, 'a quote appears in the middle of a value. Put the whole value in quotes and write the inner quote twice ("").');
      }
      state = 'quoted';
      quoteLine = line;
      recordHasContent = true;
    } else {
      if (state === 'after-quote') {
        throw malformed(line, 'text follows the closing quote of a value. Put a comma after the closing quote, or quote the whole value.');
      }
      cell += ch;
      state = 'unquoted';
      recordHasContent = true;
    }
  }
  if (state === 'quoted') throw malformed(quoteLine, 'a quoted value is never closed. Check for a missing " in this row.');
  if (recordHasContent) finishRecord();
  return records;
}

/**
 * Characters that make Excel, LibreOffice or Google Sheets evaluate a cell as a formula (CSV injection): a
 * hostile account name such as =HYPERLINK(...) would otherwise run when a custodian opens the export.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function startsLikeFormula(cell: string): boolean {
  return cell.length > 0 && FORMULA_TRIGGERS.has(cell[0] as string);
}

/** Prefixes an apostrophe to a cell a spreadsheet would run as a formula, the OWASP-recommended defence. */
export function neutraliseFormula(cell: string): string {
  return startsLikeFormula(cell) ? `'${cell}` : cell;
}

/**
 * Undoes neutraliseFormula when reading a CSV Strongroom wrote. A value that genuinely starts with an apostrophe
 * followed by = + - @ cannot be told apart; no AWS account id, email or seed does, and account names that do are
 * taken without the apostrophe.
 */
export function restoreNeutralisedCell(cell: string): string {
  return cell.startsWith("'") && startsLikeFormula(cell.slice(1)) ? cell.slice(1) : cell;
}

function quoteIfNeeded(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Writes rows with CRLF line ends, quoting only where needed, with every formula-looking cell neutralised.
 * A row of one empty cell is written as "" so that it survives as a row rather than a blank line.
 */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => {
      if (row.length === 0) throw new RangeError('A CSV row needs at least one cell');
      if (row.length === 1 && row[0] === '') return '""';
      return row.map((cell) => quoteIfNeeded(neutraliseFormula(cell))).join(',');
    })
    .map((line) => `${line}\r\n`)
    .join('');
}
