import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/app/handlers';
import { createDispatcher } from '../../src-main/contract/dispatch';
import { confirmEnrolments, custodyKiosk, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

/** The write channel as any caller reaches it: not the window's form, which checks the repeat on its own. */
function writeChannel(app: Parameters<typeof createHandlers>[0]) {
  const dispatch = createDispatcher(createHandlers(app), () => undefined);
  return (request: Record<string, unknown>) => dispatch('writeEnrolments', request) as Promise<{ ok: boolean; error?: { code: string; message: string; details?: Record<string, unknown> } }>;
}

describe("a first generation's new passphrase is typed twice, checked in main", () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('refuses a first write over the channel without the second typing, or with a different one, and writes nothing', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    confirmEnrolments(k.app, [['111111111111', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP']]);
    const write = writeChannel(k.app);
    const missing = await write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(missing).toMatchObject({ ok: false, error: { code: 'PASSPHRASES_DIFFER', details: { passphrase: 'vault', which: 'current' } } });
    expect(missing.error?.message).toMatch(/type it a second time/);
    const differs = await write({ vaultPassphrase: VAULT_PASSPHRASE, vaultPassphraseAgain: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, seedPassphraseAgain: `${SEED_PASSPHRASE}.` });
    expect(differs).toMatchObject({ ok: false, error: { code: 'PASSPHRASES_DIFFER', details: { passphrase: 'seed' } } });
    expect(differs.error?.message).not.toContain(SEED_PASSPHRASE);
    expect(k.app.catalog.generations.newestPublished('vault.kdbx')).toBe(0);
    expect(k.app.enrolment.list()).toHaveLength(1);
  });

  it('writes the first generation when both new passphrases come twice and the same, and asks no repeat of a later one', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    confirmEnrolments(k.app, [['111111111111', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP']]);
    const write = writeChannel(k.app);
    const first = await write({ vaultPassphrase: VAULT_PASSPHRASE, vaultPassphraseAgain: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, seedPassphraseAgain: SEED_PASSPHRASE });
    expect(first).toMatchObject({ ok: true });
    expect(k.app.catalog.generations.newestPublished('vault.kdbx')).toBe(1);
    expect(k.app.catalog.generations.newestPublished('seeds.kdbx')).toBe(1);
    // A later generation is opened with the passphrase given, so a slip is refused there: no second typing.
    confirmEnrolments(k.app, [['222222222222', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ']]);
    expect(await write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE })).toMatchObject({ ok: true });
    expect(k.app.catalog.generations.newestPublished('vault.kdbx')).toBe(2);
  });
});
