import { ErrorCode, StrongroomError } from '../core/errors';
import { ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import type { MasterKeyInput } from './master-keys';

/** Each role's master key as a custodian entered it, with the second typing of a brand-new passphrase. */
export interface EnteredMasterKeys {
  readonly vaultPassphrase?: MasterKeyInput;
  readonly seedPassphrase?: MasterKeyInput;
  readonly vaultPassphraseAgain?: string;
  readonly seedPassphraseAgain?: string;
}

/**
 * A role's first generation makes the passphrase given its key for good: a slip there locks the custodians out of
 * their own file. So it must come typed twice and the same, whoever calls, not only when the window's form checks.
 * New key cards carry no typed text, and a later generation is opened with the key (a slip is refused there).
 */
export function requireRepeatedFirstPassphrases(catalog: Catalog, entered: EnteredMasterKeys): void {
  for (const role of ['vault', 'seed'] as const satisfies readonly MediumRole[]) {
    const given = role === 'vault' ? entered.vaultPassphrase : entered.seedPassphrase;
    if (typeof given !== 'string' || given === '') continue;
    if (catalog.generations.newestPublished(ROLE_ARTEFACT[role]) > 0) continue;
    const again = role === 'vault' ? entered.vaultPassphraseAgain : entered.seedPassphraseAgain;
    if (again === given) continue;
    const words = role === 'vault' ? 'vault' : 'seed';
    throw new StrongroomError(
      ErrorCode.PassphrasesDiffer,
      again === undefined || again === ''
        ? `The ${words} master passphrase is new (the first ${words === 'vault' ? 'vault' : 'seed store'} is written with it), so it is typed twice. Nothing was written: type it a second time, exactly the same.`
        : `The new ${words} master passphrase was typed differently the second time. Nothing was written: type it twice, exactly the same.`,
      { passphrase: role, which: 'current' },
    );
  }
}
