import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAccountCsv, importAccounts, importOrganizationsJson } from '../../src-main/artefacts/account-import';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'accounts', name), 'utf8');

function refusal(fn: () => unknown): StrongroomError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('importing the output of aws organizations list-accounts', () => {
  const result = importOrganizationsJson(fixture('organizations-list-accounts.json'));

  it('takes every account with its id, name, email and AWS status, ignoring NextToken', () => {
    expect(result.format).toBe('organizations-json');
    expect(result.problems).toEqual([]);
    expect(result.accounts.map(({ line, account }) => [line, account.accountId, account.name, account.rootEmail, account.awsStatus])).toEqual([
      [3, '111122223333', 'Management', 'aws-management@example.com', 'ACTIVE'],
      [12, '012345678901', 'Payments "prod"', 'aws+payments-prod@example.com', 'ACTIVE'],
      [22, '444455556666', 'Legacy analytics', 'aws+legacy@example.com', 'SUSPENDED'],
      [31, '777788889999', 'Old sandbox', 'aws+sandbox-old@example.com', 'PENDING_CLOSURE'],
    ]);
  });

  it('flags suspended and closing accounts for a second look', () => {
    expect(result.accounts.map((imported) => imported.notices)).toEqual([[], [], ['suspended'], ['closing']]);
  });

  it('starts every account as custodied with a virtual MFA device and no seed', () => {
    for (const { account, seed } of result.accounts) {
      expect(account.rootCredentialStatus).toBe('custodied');
      expect(account.mfa).toEqual({ kind: 'virtual' });
      expect(seed).toBeUndefined();
    }
  });

  it('reports each bad account with the line its object starts on', () => {
    const withErrors = importOrganizationsJson(fixture('organizations-list-accounts-errors.json'));
    expect(withErrors.problems.map(({ line, kind }) => [line, kind])).toEqual([
      [9, 'bad-id'],
      [15, 'bad-email'],
      [21, 'duplicate-id'],
      [27, 'bad-id'],
      [33, 'bad-name'],
    ]);
    const messages = withErrors.problems.map((problem) => problem.message);
    expect(messages[0]).toMatch(/^Line 9: The account id 12345678901 has only 11 digits.*leading zeros/);
    expect(messages[1]).toMatch(/^Line 15: The root email address is not a valid address/);
    expect(messages[2]).toBe('Line 21: account 111122223333 is already on line 3. Keep one row per account.');
    expect(messages[3]).toMatch(/^Line 27: the account id is written as a number, which loses leading zeros/);
    expect(messages[4]).toMatch(/^Line 33: The account name is missing/);
    expect(withErrors.accounts.map(({ line, account, notices }) => [line, account.accountId, notices])).toEqual([
      [3, '111122223333', []],
      [38, '666677778888', ['suspended']],
    ]);
  });

  it('refuses JSON without an Accounts list, and broken JSON, without quoting the file', () => {
    expect(refusal(() => importOrganizationsJson('{"Account": []}')).code).toBe(ErrorCode.ImportUnreadable);
    const broken = refusal(() => importOrganizationsJson('{"Accounts": [ {"Id": "SECRETISH" '));
    expect(broken.code).toBe(ErrorCode.ImportUnreadable);
    expect(broken.message).not.toContain('SECRETISH');
  });
});

describe('importing an account table (CSV)', () => {
  it('reads a spreadsheet export with BOM, spaced header, quoting and seeds in every form', () => {
    const result = importAccountCsv(fixture('accounts-with-seeds.csv'));
    expect(result.format).toBe('csv');
    expect(result.problems).toEqual([]);
    expect(result.accounts.map(({ line, account, seed }) => [line, account.accountId, account.name, account.awsStatus, seed?.source, seed?.base32])).toEqual([
      [2, '111122223333', 'Management', null, 'base32', 'FCBCEJXNR7BW5W3WR4LDJNOQ7MSOQV53H4WIUCDBWG4Q3B5HAGH552Z3NOLMXL57'],
      [3, '012345678901', 'Payments, "prod"', null, 'base32', 'U4BAUTRZN6SHV6NHDAM5OPNVVAOI34WAELRZ6DHXYNAFAD7POFJOMTQ6USJDFDMG'],
      [4, '444455556666', 'Sandbox', null, undefined, undefined],
      [5, '777788889999', 'Logs archive', null, 'aws-base32-string-seed', 'KVFSVJ7YQLCS23NVAI7OS4ETZDKWJJOMOGNGVF36IWB3BFHNKK7CEOQFXQ4E2AFC'],
      [6, '222233334444', '=Formula looking name', null, 'otpauth-uri', '45GO6COYKYPONX64NDZ7JAYT42DFGQRB3OBQGNM3WMCG5AL3ETYBZVCJXEEHDFYP'],
    ]);
    expect(result.seedCount).toBe(4);
    expect(result.awsWrappedSeedCount).toBe(1);
  });

  it('reports every problem row by line and kind, and keeps only the valid rows', () => {
    const result = importAccountCsv(fixture('accounts-with-errors.csv'));
    expect(result.problems.map(({ line, kind }) => [line, kind])).toEqual([
      [2, 'bad-id'],
      [3, 'bad-email'],
      [4, 'duplicate-id'],
      [5, 'bad-seed'],
      [6, 'bad-seed'],
      [7, 'bad-seed'],
      [8, 'bad-name'],
      [11, 'bad-id'],
      [11, 'bad-email'],
    ]);
    const messages = result.problems.map((problem) => problem.message);
    expect(messages[0]).toMatch(/^Line 2: The account id 12345678901 has only 11 digits/);
    expect(messages[1]).toMatch(/^Line 3: The root email address is not a valid address/);
    expect(messages[2]).toBe('Line 4: account 111122223333 is already on line 3. Keep one row per account.');
    expect(messages[3]).toMatch(/^Line 5: Character 16 of the seed cannot be part of a seed/);
    expect(messages[4]).toMatch(/^Line 6: This seed is too short: it holds 72 bits/);
    expect(messages[5]).toMatch(/^Line 7: This link is for a counter-based \(HOTP\) code/);
    expect(messages[6]).toMatch(/^Line 8: The account name contains a control character/);
    expect(messages[7]).toMatch(/^Line 11: An AWS account id is exactly 12 digits/);
    expect(messages[8]).toMatch(/^Line 11: The root email address has 4 characters/);
    for (const message of messages) expect(message).not.toMatch(/JBSWY3DP/);
    expect(result.accounts.map(({ line, account, seed }) => [line, account.accountId, seed?.base32])).toEqual([[10, '999900001111', 'JBSWY3DPEHPK3PXP']]);
  });

  it('takes a table without the seed column', () => {
    const result = importAccountCsv('Account Email,Account #,Account Name\r\naws+a@example.com,000011112222,A\r\n');
    expect(result.accounts.map(({ account, seed }) => [account.accountId, account.name, account.rootEmail, seed])).toEqual([
      ['000011112222', 'A', 'aws+a@example.com', undefined],
    ]);
  });

  it('refuses a table whose header lacks a required column, naming it', () => {
    const error = refusal(() => importAccountCsv('Account #,Name,Account Email\r\n000011112222,A,a@example.com\r\n'));
    expect(error.code).toBe(ErrorCode.ImportUnreadable);
    expect(error.message).toMatch(/^Line 1: the header row has no Account Name column/);
    expect(refusal(() => importAccountCsv('')).code).toBe(ErrorCode.ImportUnreadable);
  });

  it('passes on a malformed CSV as a refusal with its line', () => {
    const error = refusal(() => importAccountCsv('Account #,Account Name,Account Email\r\n000011112222,"A,a@example.com\r\n'));
    expect(error.code).toBe(ErrorCode.CsvMalformed);
    expect(error.details).toEqual({ line: 2 });
  });
});

describe('telling the two formats apart', () => {
  it('reads JSON when the text starts with {, after a BOM or spaces, and CSV otherwise', () => {
    expect(importAccounts(`\uFEFF  ${fixture('organizations-list-accounts.json')}`).format).toBe('organizations-json');
    expect(importAccounts(fixture('accounts-with-seeds.csv')).format).toBe('csv');
  });
});
