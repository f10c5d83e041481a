import { describe, expect, it } from 'vitest';
import { checkPassphraseEntries, passphraseErrorField, passphraseName } from '../../src-renderer/components/passphrase-entry';

describe('master passphrase entry in the window', () => {
  it('names every passphrase by its custodian group', () => {
    expect(passphraseName('vault')).toBe('Vault master passphrase (custodian group A)');
    expect(passphraseName('seed', 'new')).toBe('New seed master passphrase (custodian group B)');
  });

  it('asks for a brand-new passphrase twice and names the repeat box of that group when they differ', () => {
    const problem = checkPassphraseEntries([
      { role: 'vault', which: 'current', value: 'correct horse battery staple', again: 'correct horse battery staple' },
      { role: 'seed', which: 'current', value: 'tangerine lantern orbit velvet', again: 'tangerine lantern orbit velvt' },
    ]);
    expect(problem).toMatchObject({ role: 'seed', which: 'current', part: 'again' });
    expect(problem?.text).toContain('seed master passphrase (custodian group B)');
    expect(problem?.text).toContain('differs');
    // The window's message never quotes what was typed.
    expect(problem?.text).not.toContain('tangerine');
  });

  it('reports the first box left empty, in the order the fields stand, and a repeat not yet typed', () => {
    expect(checkPassphraseEntries([{ role: 'vault', which: 'current', value: '' }, { role: 'seed', which: 'current', value: '' }])).toMatchObject({ role: 'vault', part: 'value' });
    expect(checkPassphraseEntries([{ role: 'vault', which: 'new', value: 'something long enough here', again: '' }])).toMatchObject({ role: 'vault', which: 'new', part: 'again' });
    expect(checkPassphraseEntries([{ role: 'vault', which: 'current', value: 'x' }, { role: 'seed', which: 'new', value: 'y', again: 'y' }])).toBeNull();
  });

  it('clears a passphrase only when main found that passphrase wrong, and keeps both for any other refusal', () => {
    const wrong = passphraseErrorField({ code: 'KDBX_WRONG_PASSPHRASE', message: 'The seed master passphrase (custodian group B) does not open …', details: { passphrase: 'seed', which: 'current' } });
    expect(wrong).toMatchObject({ clear: true, problem: { role: 'seed', which: 'current', part: 'value' } });
    const weak = passphraseErrorField({ code: 'WEAK_PASSPHRASE', message: 'The new vault master passphrase (custodian group A) is too weak.', details: { passphrase: 'vault', which: 'new' } });
    expect(weak).toMatchObject({ clear: true, problem: { role: 'vault', which: 'new' } });
    // Typed differently twice: either box may be the wrong one, so neither is cleared.
    const differ = passphraseErrorField({ code: 'PASSPHRASES_DIFFER', message: 'typed differently', details: { passphrase: 'seed', which: 'new' } });
    expect(differ).toMatchObject({ clear: false, problem: { part: 'again' } });
    // Needing a hardware key is not a wrong passphrase.
    expect(passphraseErrorField({ code: 'CHALLENGE_RESPONSE_REQUIRED', message: 'insert the key', details: { passphrase: 'vault', which: 'current' } })?.clear).toBe(false);
    expect(passphraseErrorField({ code: 'NO_MEDIUM_INSERTED', message: 'insert VAULT-02' })).toBeNull();
  });
});
