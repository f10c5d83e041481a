import type { MfaDevice, NewAccountInput } from '../core/account';
import type { AccountRecord } from '../catalog/account-store';
import type { AccountRegister } from './account-register';
import type { TokenDesk } from './token-desk';

export interface NewAccountWithTokens extends Omit<NewAccountInput, 'mfa'> {
  /** Inventory tokens registered on this root user in AWS. */
  readonly tokenIds?: readonly string[];
  /** Whether a virtual-MFA seed is kept too; by default only when no token is named. */
  readonly mfa?: MfaDevice['kind'];
}

/**
 * An account added by hand with the hardware tokens its root user has, picked from the inventory: the account
 * and its registrations land together or not at all (an unknown or lost token refuses the whole addition).
 */
export function addAccountWithTokens(accounts: AccountRegister, tokens: TokenDesk, input: NewAccountWithTokens): AccountRecord {
  const tokenIds = [...new Set((input.tokenIds ?? []).map((id) => id.trim()).filter((id) => id !== ''))];
  const kind = input.mfa ?? (tokenIds.length > 0 ? 'hardware' : 'virtual');
  const { tokenIds: _ignored, mfa: _kind, ...account } = input;
  return accounts.addTogether({ ...account, mfa: { kind } }, (added) => {
    for (const tokenId of tokenIds) tokens.assign(tokenId, [added.accountId]);
  });
}
