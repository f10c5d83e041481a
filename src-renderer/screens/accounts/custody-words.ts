import type { AccountLifecycleView, AccountView } from '../../../src-main/contract/custody-views';

const KEPT_WORDS: Record<AccountLifecycleView, string> = {
  active: 'Kept here',
  suspended: 'Kept here (suspended in AWS)',
  'pending-closure': 'Kept here (closing in AWS)',
  closed: 'Closed: credentials retired',
  'removed-centrally': 'Removed centrally',
  'left-organisation': 'Kept (no longer in the organisation)',
};

const NOT_YET_WORDS: Partial<Record<AccountLifecycleView, string>> = {
  active: 'Not kept yet: enrol it',
  suspended: 'Not kept yet (suspended in AWS)',
  'pending-closure': 'Not kept yet (closing in AWS)',
  'left-organisation': 'Never kept (no longer in the organisation)',
};

/**
 * What the Custody column says of an account. "Kept here" is a promise that its root password and MFA seed are
 * on the sticks, so it is said only of an account enrolled (committed on a vault and a seed stick); an account
 * merely listed says it is not kept yet, whatever AWS reports about it.
 */
export function custodyWords(account: Pick<AccountView, 'lifecycle' | 'enrolledAt'>): string {
  if (account.enrolledAt === null) return NOT_YET_WORDS[account.lifecycle] ?? KEPT_WORDS[account.lifecycle];
  return KEPT_WORDS[account.lifecycle];
}
