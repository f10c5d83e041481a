import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/app/handlers';
import { createDispatcher } from '../../src-main/contract/dispatch';
import { custodyKiosk, VAULT_PASSPHRASE } from '../support/custody-fixture';

describe('master passphrase advice', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  async function dispatcher() {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    return { k, dispatch: createDispatcher(createHandlers(k.app), () => undefined) };
  }

  it('rates a passphrase without sending it back, and counts account names as easy guesses', async () => {
    const { dispatch } = await dispatcher();
    const weak = await dispatch('assessPassphrase', { passphrase: 'prod-payments-2026', role: 'vault' });
    expect(weak).toMatchObject({ ok: true, value: { acceptable: false } });
    const strong = await dispatch('assessPassphrase', { passphrase: VAULT_PASSPHRASE, role: 'vault' });
    expect(strong).toMatchObject({ ok: true, value: { acceptable: true, minimumLength: 16 } });
    expect(JSON.stringify(strong)).not.toContain(VAULT_PASSPHRASE);
  });

  it('suggests seven random words that pass the policy, and records that one was suggested (not the words)', async () => {
    const { k, dispatch } = await dispatcher();
    const first = await dispatch('suggestPassphrase', {});
    const second = await dispatch('suggestPassphrase', {});
    if (!first.ok || !second.ok) throw new Error('suggestion failed');
    const words = (first.value as { passphrase: string }).passphrase;
    expect(words.split('-')).toHaveLength(7);
    expect(words).not.toBe((second.value as { passphrase: string }).passphrase);
    const rated = await dispatch('assessPassphrase', { passphrase: words, role: 'seed' });
    expect(rated).toMatchObject({ ok: true, value: { acceptable: true } });
    const head = k.app.catalog.audit.head()!;
    expect(head.action).toBe('passphrase.suggested');
    expect(head.details).toEqual({ words: 7, practice: true });
    expect(JSON.stringify(head)).not.toContain(words);
  });
});
