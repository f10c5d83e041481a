import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  neutraliseFormula,
  parseCsv,
  restoreNeutralisedCell,
  startsLikeFormula,
  writeCsv,
} from '../../src-main/core/csv';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';

function refusal(fn: () => unknown): StrongroomError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const cells = (text: string) => parseCsv(text).map((record) => record.cells);

describe('reading CSV', () => {
  it('reads plain rows with CRLF, LF or CR line ends and no final line end', () => {
    expect(cells('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('drops a leading byte-order mark', () => {
    expect(cells('\uFEFFAccount #,Account Name\r\n')).toEqual([['Account #', 'Account Name']]);
  });

  it('reads quoted values with commas, doubled quotes and line breaks inside', () => {
    expect(cells('"Smith, J","say ""hi""","two\r\nlines",plain\r\n')).toEqual([['Smith, J', 'say "hi"', 'two\r\nlines', 'plain']]);
  });

  it('keeps empty values, rows of only commas and a row holding just ""', () => {
    expect(cells('a,,c\r\n,,\r\n""\r\n')).toEqual([['a', '', 'c'], ['', '', ''], ['']]);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(parseCsv('a\r\n\r\nb\n\nc')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 3, cells: ['b'] },
      { line: 5, cells: ['c'] },
    ]);
  });

  it('numbers each record by the line it starts on, counting line breaks inside quotes', () => {
    const records = parseCsv('h1,h2\r\n"multi\r\nline\nvalue",x\r\nnext,row\r\n');
    expect(records.map((record) => record.line)).toEqual([1, 2, 5]);
  });

  it('names the line of a quote that is never closed', () => {
    const error = refusal(() => parseCsv('a,b\r\nc,"unclosed\r\nmore\r\n'));
    expect(error.code).toBe(ErrorCode.CsvMalformed);
    expect(error.message).toMatch(/^Line 2: a quoted value is never closed/);
    expect(error.details).toEqual({ line: 2 });
  });

  it('refuses a quote inside an unquoted value and text after a closing quote, naming the line', () => {
    expect(refusal(() => parseCsv('ok\r\n5" disk,x\r\n')).message).toMatch(/^Line 2: a quote appears in the middle of a value/);
    expect(refusal(() => parseCsv('ok\r\n"a"b,x\r\n')).message).toMatch(/^Line 2: text follows the closing quote/);
    expect(refusal(() => parseCsv('"a\nb" "c"')).message).toMatch(/^Line 2: text follows the closing quote/);
  });
});

describe('writing CSV a spreadsheet cannot turn into formulas', () => {
  it('prefixes an apostrophe to cells starting with = + - @ tab or CR', () => {
    for (const hostile of ['=HYPERLINK("http://evil","x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutraliseFormula(hostile)).toBe(`'${hostile}`);
    }
    expect(neutraliseFormula('Payments = prod')).toBe('Payments = prod');
    expect(restoreNeutralisedCell("'=1+1")).toBe('=1+1');
    expect(restoreNeutralisedCell("'quoted")).toBe("'quoted");
  });

  it('writes CRLF rows and quotes only where needed', () => {
    expect(writeCsv([['Account #', 'Account Name'], ['012345678901', 'Smith, "J"'], ['']])).toBe(
      'Account #,Account Name\r\n012345678901,"Smith, ""J"""\r\n""\r\n',
    );
  });

  const cell = fc.oneof(
    fc.string(),
    fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", 'a', ' ', 'é') }),
  );
  const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

  it('never writes a cell that starts like a formula, quoted or not', () => {
    fc.assert(
      fc.property(table, (rows) => {
        for (const record of parseCsv(writeCsv(rows))) {
          for (const value of record.cells) expect(startsLikeFormula(value), JSON.stringify(value)).toBe(false);
        }
      }),
    );
  });

  it('reads back exactly what was written, apart from the apostrophe before a formula', () => {
    fc.assert(
      fc.property(table, (rows) => {
        expect(cells(writeCsv(rows))).toEqual(rows.map((row) => row.map(neutraliseFormula)));
      }),
    );
  });

  it('restores the original cells of a table Strongroom wrote, unless a cell began with an apostrophe', () => {
    fc.assert(
      fc.property(table, (rows) => {
        fc.pre(rows.every((row) => row.every((value) => !value.startsWith("'"))));
        expect(cells(writeCsv(rows)).map((row) => row.map(restoreNeutralisedCell))).toEqual(rows);
      }),
    );
  });
});
