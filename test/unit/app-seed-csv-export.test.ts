import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importAccounts } from '../../src-main/artefacts/account-import';
import { custodyKiosk, enrolAndWrite, SEED_A, SEED_B, SEED_PASSPHRASE, SECOND_CUSTODIAN } from '../support/custody-fixture';

describe('seed table exported as CSV', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('goes only onto a seed stick, only after the custodian acknowledges it is plaintext, and can be imported back', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const request = { sourceDevicePath: k.sticks.seed1, targetDevicePath: k.sticks.seed2, seedPassphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN };

    await expect(k.app.seedCsvExport.export({ ...request, plaintextAcknowledged: false })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    await expect(k.app.seedCsvExport.export({ ...request, targetDevicePath: k.sticks.vault1, plaintextAcknowledged: true })).rejects.toMatchObject({
      code: 'SEPARATION_REFUSED',
    });
    expect(existsSync(join(k.sticks.vault1, 'STRONGROOM', 'seeds-export.csv'))).toBe(false);

    const saved = await k.app.seedCsvExport.export({ ...request, plaintextAcknowledged: true });
    expect(saved).toMatchObject({ mediumId: 'SEEDS-02', accounts: 2, generation: 1 });
    const csv = readFileSync(join(k.sticks.seed2, 'STRONGROOM', 'seeds-export.csv'), 'utf8');
    const back = importAccounts(csv);
    expect(back.problems).toEqual([]);
    expect(Object.fromEntries(back.accounts.map((a) => [a.account.accountId, a.seed?.base32]))).toEqual({ '111111111111': SEED_A, '222222222222': SEED_B });
    expect(k.app.catalog.audit.head()).toMatchObject({ action: 'seeds.csv-exported', subject: 'SEEDS-02', details: { accounts: 2 } });
    expect(JSON.stringify(k.app.catalog.audit.head())).not.toContain(SEED_A);

    // The stick carrying the export still takes seeds (with a warning), and now can never become a vault stick.
    const decision = k.app.media.decide(await k.app.media.find(k.sticks.seed2), 'vault');
    expect(decision.verdict).toBe('refused');
  });
});
