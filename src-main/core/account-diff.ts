import { createHash } from 'node:crypto';
import { LIFECYCLE_WORDS, lifecycleForAwsState, type AccountLifecycle } from './account';
import { canonicalJson } from './canonical-json';

/**
 * What a re-import would change, shown to the custodian before anything is applied. Pure: the accounts the
 * catalog knows and the rows of the file in, the list of changes out. An AWS listing that is only one page
 * (NextToken) or a CSV table never says an account is missing: only a whole listing of the organisation can.
 */

export interface KnownAccount {
  readonly accountId: string;
  readonly name: string;
  readonly rootEmail: string;
  readonly awsStatus: string | null;
  readonly lifecycle: AccountLifecycle;
}

export interface ListedAccount {
  readonly line: number;
  readonly accountId: string;
  readonly name: string;
  readonly rootEmail: string;
  /** Null when the file does not say (a CSV table): the catalog's value stands. */
  readonly awsStatus: string | null;
}

export type AccountChangeKind = 'new' | 'renamed' | 'email-changed' | 'status-changed' | 'missing';

export interface AccountChange {
  readonly kind: AccountChangeKind;
  readonly accountId: string;
  /** The line in the file; null for an account missing from it. */
  readonly line: number | null;
  readonly before: string | null;
  readonly after: string | null;
  /** The lifecycle the account moves to when the change is applied; null when it stays as it is. */
  readonly lifecycle: AccountLifecycle | null;
  readonly sentence: string;
}

export interface AccountDiff {
  readonly changes: readonly AccountChange[];
  readonly unchanged: number;
  /** The file lists the whole organisation, so accounts absent from it are reported missing. */
  readonly completeListing: boolean;
  /** Identifies exactly this set of changes, so the custodian confirms what they saw and nothing else. */
  readonly digest: string;
}

/** Changes to accounts already in the catalog (anything but new accounts) need the custodian's confirmation. */
export function needsConfirmation(diff: AccountDiff): boolean {
  return diff.changes.some((c) => c.kind !== 'new');
}

export function diffAccounts(known: readonly KnownAccount[], listed: readonly ListedAccount[], options: { readonly completeListing: boolean }): AccountDiff {
  const byId = new Map(known.map((a) => [a.accountId, a] as const));
  const changes: AccountChange[] = [];
  let unchanged = 0;
  for (const row of listed) {
    const before = byId.get(row.accountId);
    if (!before) {
      const lifecycle = lifecycleForAwsState(row.awsStatus);
      changes.push({
        kind: 'new',
        accountId: row.accountId,
        line: row.line,
        before: null,
        after: row.name,
        lifecycle: lifecycle && lifecycle !== 'active' ? lifecycle : null,
        sentence: `Line ${row.line}: new account ${row.name} (${row.accountId})${row.awsStatus && row.awsStatus !== 'ACTIVE' ? `, ${row.awsStatus} in AWS` : ''}.`,
      });
      continue;
    }
    let changed = false;
    if (before.name !== row.name) {
      changed = true;
      changes.push({ kind: 'renamed', accountId: row.accountId, line: row.line, before: before.name, after: row.name, lifecycle: null, sentence: `Line ${row.line}: ${row.accountId} renamed from ${before.name} to ${row.name}.` });
    }
    if (before.rootEmail !== row.rootEmail) {
      changed = true;
      changes.push({
        kind: 'email-changed',
        accountId: row.accountId,
        line: row.line,
        before: before.rootEmail,
        after: row.rootEmail,
        lifecycle: null,
        sentence: `Line ${row.line}: the root email of ${row.name} (${row.accountId}) changes from ${before.rootEmail} to ${row.rootEmail}.`,
      });
    }
    if (row.awsStatus !== null && row.awsStatus !== before.awsStatus) {
      changed = true;
      const implied = lifecycleForAwsState(row.awsStatus);
      // A state recorded by a custodian (centrally removed, or closed by hand) is not undone by an AWS listing.
      const lifecycle = implied && implied !== before.lifecycle && !custodianOnly(before.lifecycle, implied) ? implied : null;
      changes.push({
        kind: 'status-changed',
        accountId: row.accountId,
        line: row.line,
        before: before.awsStatus,
        after: row.awsStatus,
        lifecycle,
        sentence:
          `Line ${row.line}: AWS now reports ${row.name} (${row.accountId}) as ${row.awsStatus} (was ${before.awsStatus ?? 'not stated'})` +
          (lifecycle ? `; it will be marked ${LIFECYCLE_WORDS[lifecycle]}${lifecycle === 'closed' ? ', and its credentials move to the retired history at the next write' : ''}.` : '.'),
      });
    }
    if (!changed) unchanged += 1;
  }
  if (options.completeListing) {
    const present = new Set(listed.map((row) => row.accountId));
    for (const account of known) {
      if (present.has(account.accountId) || account.lifecycle === 'left-organisation') continue;
      // A closed or centrally removed account is expected to drop out of the listing; it keeps that state.
      const keeps = account.lifecycle === 'closed' || account.lifecycle === 'removed-centrally';
      changes.push({
        kind: 'missing',
        accountId: account.accountId,
        line: null,
        before: account.name,
        after: null,
        lifecycle: keeps ? null : 'left-organisation',
        sentence: keeps
          ? `${account.name} (${account.accountId}) is not in this listing of the organisation; it stays ${LIFECYCLE_WORDS[account.lifecycle]}.`
          : `${account.name} (${account.accountId}) is not in this listing of the organisation; it will be marked no longer in the organisation (its credentials stay kept).`,
      });
    }
  }
  const digest = createHash('sha256')
    .update(canonicalJson(changes.map((c) => [c.kind, c.accountId, c.before, c.after, c.lifecycle])))
    .digest('hex');
  return { changes, unchanged, completeListing: options.completeListing, digest };
}

/** Lifecycles only a custodian sets: an AWS state never moves an account out of them on its own. */
function custodianOnly(current: AccountLifecycle, implied: AccountLifecycle): boolean {
  return current === 'removed-centrally' || (current === 'closed' && implied !== 'closed');
}
