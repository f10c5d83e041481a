import fc from 'fast-check';
import { importAccountCsv, importAccounts, importOrganizationsJson, type AccountImport } from '../../../src-main/artefacts/account-import';
import { seedTableCsv } from '../../../src-main/artefacts/seed-csv-export';
import { isValidAccountId, isValidRootEmail, validateAccountName } from '../../../src-main/core/account';
import { restoreNeutralisedCell } from '../../../src-main/core/csv';
import { parseSeed } from '../../../src-main/core/seed';
import { secretArbitraries, secretPieces, seedArbitraries } from '../arbitraries';
import { fuzzProperty, refusalOf, type FuzzProperty } from '../fuzz-kit';

/**
 * What an import may answer for any file: accounts that pass every check, problems naming a line of the file, or
 * a refusal of the whole file with CSV_MALFORMED or IMPORT_UNREADABLE. Nothing else, and never an account that
 * did not pass.
 */
function importContract(text: string, parse: (text: string) => AccountImport): boolean {
  let result: AccountImport;
  try {
    result = parse(text);
  } catch {
    const refusal = refusalOf(() => parse(text));
    return refusal !== null && ['CSV_MALFORMED', 'IMPORT_UNREADABLE'].includes(refusal.code);
  }
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const accountsValid = result.accounts.every(({ account, line }) => {
    const nameOk = (() => {
      try {
        return validateAccountName(account.name) === account.name;
      } catch {
        return false;
      }
    })();
    return isValidAccountId(account.accountId) && isValidRootEmail(account.rootEmail) && nameOk && (account.awsStatus === null || /^[A-Z][A-Z_]*$/.test(account.awsStatus)) && line >= 1 && line <= lineCount;
  });
  const problemsPlaced = result.problems.every((p) => p.line >= 1 && p.line <= lineCount && p.message.startsWith(`Line ${p.line}:`));
  const ids = result.accounts.map((a) => a.account.accountId);
  return accountsValid && problemsPlaced && new Set(ids).size === ids.length;
}

const csvUnit = fc.constantFrom(...'abcXYZ012345678 ,,,"\'\n\r\t@.=+-#', 'Account #', 'Account Name', 'Account Email', 'MFA Seed', '111122223333', 'a@b.example', 'JBSWY3DPEHPK3PXP', '\uFEFF');
const csvText = fc.array(csvUnit, { maxLength: 60 }).map((parts) => parts.join(''));
const header = 'Account #,Account Name,Account Email,MFA Seed\n';

const jsonAccount = fc.record(
  {
    Id: fc.oneof(seedArbitraries.accountId, fc.string({ maxLength: 14 }), fc.integer(), fc.constant(null)),
    Name: fc.oneof(seedArbitraries.accountName, fc.string({ maxLength: 60 }), fc.integer()),
    Email: fc.oneof(fc.constantFrom('root@example.com', 'aws+x@example.org', 'bad', ''), fc.string({ maxLength: 70 })),
    Status: fc.oneof(fc.constantFrom('ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE'), fc.string({ maxLength: 12 })),
    State: fc.oneof(fc.constantFrom('ACTIVE', 'SUSPENDED', 'CLOSED', 'ACTIVE\u001b[2J'), fc.string({ maxLength: 12 })),
  },
  { requiredKeys: [] },
);
const listAccountsJson = fc
  .record({ accounts: fc.oneof(fc.array(fc.oneof(jsonAccount, fc.jsonValue()), { maxLength: 6 }), fc.jsonValue()), indent: fc.constantFrom(0, 2, 4), extra: fc.jsonValue() })
  .map(({ accounts, indent, extra }) => JSON.stringify({ Accounts: accounts, NextToken: extra }, null, indent));

const validRow = fc.record({ id: seedArbitraries.accountId, name: fc.string({ unit: fc.constantFrom(...'abc XYZ=+-@,"()&'), minLength: 1, maxLength: 30 }), seed: seedArbitraries.anySeed });

export const accountImportProperties: readonly FuzzProperty[] = [
  fuzzProperty('CSV import', 'any text gives checked accounts, problems on real lines, or a clear refusal', fc.property(csvText, (text) => importContract(text, importAccountCsv))),
  fuzzProperty('CSV import', 'rows under a real header give checked accounts or problems', fc.property(csvText, (text) => importContract(header + text, importAccountCsv))),
  fuzzProperty(
    'CSV import',
    'the seed table Strongroom writes reads back exactly, formula-looking names included',
    fc.property(fc.uniqueArray(validRow, { selector: (r) => r.id, minLength: 1, maxLength: 5 }), (rows) => {
      fc.pre(rows.every((r) => r.name.trim() === r.name && r.name.trim() !== ''));
      const csv = seedTableCsv(rows.map((r, i) => ({ account: { accountId: r.id, name: r.name, rootEmail: `root+${i}@example.com` }, seed: parseSeed(r.seed) })));
      const imported = importAccountCsv(csv);
      return (
        imported.problems.length === 0 &&
        imported.accounts.length === rows.length &&
        imported.accounts.every((a, i) => a.account.accountId === rows[i]!.id && a.account.name === rows[i]!.name && a.seed?.base32 === parseSeed(rows[i]!.seed).base32)
      );
    }),
  ),
  fuzzProperty(
    'CSV import',
    'a damaged seed is a problem of its row, never imported and never repeated',
    fc.property(secretArbitraries.damagedSeedInput, ({ seed, input }) => {
      const text = `${header}111122223333,prod,root@example.com,"${input.replace(/"/g, '""')}"\n`;
      let result: AccountImport;
      try {
        result = importAccountCsv(text);
      } catch {
        const refusal = refusalOf(() => importAccountCsv(text));
        return refusal !== null && !secretPieces(seed).some((piece) => refusal.message.includes(piece));
      }
      const pieces = secretPieces(seed);
      const quiet = result.problems.every((p) => !pieces.some((piece) => p.message.includes(piece)));
      const accepted = result.accounts.length === 1;
      // Accepted only if the seed parser accepts the damaged form too (e.g. a cut that still has seed length).
      // An empty seed cell is an account without a seed, as the import documents.
      const cell = restoreNeutralisedCell(input.trim());
      const parserAccepts = cell === '' || refusalOf(() => parseSeed(cell)) === null;
      return quiet && accepted === parserAccepts;
    }),
  ),
  fuzzProperty('list-accounts JSON', 'any JSON gives checked accounts, problems on real lines, or a clear refusal', fc.property(listAccountsJson, (text) => importContract(text, importOrganizationsJson))),
  fuzzProperty('list-accounts JSON', 'any text that starts like JSON is refused clearly or read', fc.property(fc.string({ maxLength: 80 }).map((s) => `{${s}`), (text) => importContract(text, importAccounts))),
  fuzzProperty(
    'list-accounts JSON',
    'every well-formed account is taken exactly as AWS printed it',
    fc.property(fc.uniqueArray(fc.record({ id: seedArbitraries.accountId, name: seedArbitraries.accountName, state: fc.constantFrom('ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE') }), { selector: (a) => a.id, maxLength: 6 }), (accounts) => {
      const text = JSON.stringify({ Accounts: accounts.map((a, i) => ({ Id: a.id, Name: a.name, Email: `root+${i}@example.com`, State: a.state })) }, null, 2);
      const imported = importOrganizationsJson(text);
      return (
        imported.problems.length === 0 &&
        imported.accounts.length === accounts.length &&
        imported.accounts.every((a, i) => a.account.accountId === accounts[i]!.id && a.account.name === accounts[i]!.name && a.account.awsStatus === accounts[i]!.state)
      );
    }),
  ),
];
