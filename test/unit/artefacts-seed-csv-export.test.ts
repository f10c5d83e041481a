import { describe, expect, it } from 'vitest';
import { importAccountCsv } from '../../src-main/artefacts/account-import';
import { seedTableCsv } from '../../src-main/artefacts/seed-csv-export';
import { parseCsv } from '../../src-main/core/csv';
import { parseSeed } from '../../src-main/core/seed';

const SEED_A = parseSeed('FCBCEJXNR7BW5W3WR4LDJNOQ7MSOQV53H4WIUCDBWG4Q3B5HAGH552Z3NOLMXL57');
const SEED_B = parseSeed('JBSWY3DPEHPK3PXP');

describe('the seed table CSV', () => {
  const rows = [
    { account: { accountId: '012345678901', name: 'Payments, prod', rootEmail: 'aws+pay@example.com' }, seed: SEED_A },
    { account: { accountId: '111122223333', name: '=HYPERLINK("http://x.example","open me")', rootEmail: '-ops@example.com' }, seed: SEED_B },
  ];
  const csv = seedTableCsv(rows);

  it('has the import columns and one row per account, with CRLF line ends', () => {
    expect(csv).toBe(
      'Account #,Account Name,Account Email,MFA Seed\r\n' +
        `012345678901,"Payments, prod",aws+pay@example.com,${SEED_A.base32}\r\n` +
        `111122223333,"'=HYPERLINK(""http://x.example"",""open me"")",'-ops@example.com,${SEED_B.base32}\r\n`,
    );
  });

  it('leaves no cell a spreadsheet would run as a formula', () => {
    for (const record of parseCsv(csv)) {
      for (const cell of record.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('imports back to the same accounts and seeds', () => {
    const back = importAccountCsv(csv);
    expect(back.problems).toEqual([]);
    expect(back.accounts.map(({ account, seed }) => [account.accountId, account.name, account.rootEmail, seed?.base32])).toEqual([
      ['012345678901', 'Payments, prod', 'aws+pay@example.com', SEED_A.base32],
      ['111122223333', '=HYPERLINK("http://x.example","open me")', '-ops@example.com', SEED_B.base32],
    ]);
  });
});
