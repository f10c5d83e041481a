import type { MediumRole } from '../core/custody-vocabulary';
import type { AccountOutcomeView, WriteJobView } from './transaction-views';

export type AccountLifecycleView = 'active' | 'suspended' | 'pending-closure' | 'closed' | 'removed-centrally' | 'left-organisation';

/**
 * 'virtual': the seed store keeps root's virtual-MFA seed. 'hardware': only hardware tokens, so no seed is kept;
 * `tokenSerial` says which, in words from the token inventory ("TOKEN-07 (YubiKey 5 NFC, serial 12345678)").
 */
export type MfaView = { readonly kind: 'virtual' } | { readonly kind: 'hardware'; readonly tokenSerial: string };

export interface AccountTokenView {
  readonly tokenId: string;
  readonly kindWords: string;
  readonly model: string;
  readonly serial: string;
  readonly location: string;
  readonly state: 'in-safe' | 'checked-out';
}

export interface AccountView {
  readonly accountId: string;
  readonly name: string;
  readonly rootEmail: string;
  readonly organizationalUnit: string | null;
  /** AWS's state as last imported, verbatim; null when no listing said. */
  readonly awsStatus: string | null;
  readonly rootCredentialStatus: 'custodied' | 'removed-centrally';
  readonly lifecycle: AccountLifecycleView;
  readonly lifecycleReason: string | null;
  readonly mfa: MfaView;
  /** Hardware tokens from the inventory registered on this root user that still count (beside a virtual seed, or alone). */
  readonly tokens: readonly AccountTokenView[];
  /** A serial typed on the account before the token inventory existed, not yet adopted (Tokens screen). */
  readonly legacyTokenSerial: string | null;
  readonly enrolledAt: string | null;
  /** An open rotation of this account's credentials. */
  readonly rotation: { readonly what: 'password' | 'seed' | 'both'; readonly status: 'starting' | 'pending'; readonly startedAt: string } | null;
}

export interface ImportPreviewView {
  readonly format: 'organizations-json' | 'csv';
  readonly rows: readonly { readonly line: number; readonly accountId: string; readonly name: string; readonly rootEmail: string; readonly notices: readonly string[]; readonly hasSeed: boolean; readonly known: boolean }[];
  readonly problems: readonly { readonly line: number; readonly kind: string; readonly message: string }[];
  readonly seedCount: number;
  /** What applying the import changes about accounts already here; changes need confirming (their digest). */
  readonly diff: {
    readonly changes: readonly { readonly kind: 'new' | 'renamed' | 'email-changed' | 'status-changed' | 'missing'; readonly accountId: string; readonly line: number | null; readonly sentence: string }[];
    readonly unchanged: number;
    readonly completeListing: boolean;
    readonly digest: string;
    readonly needsConfirmation: boolean;
  };
  /** Why the listing is not the whole organisation (a NextToken page); null otherwise. */
  readonly incompleteBecause: string | null;
}

export interface ImportResultView {
  readonly added: number;
  readonly updated: number;
  readonly skippedLines: readonly number[];
}

export interface EnrolmentView {
  readonly enrolmentId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly hasSeed: boolean;
  readonly seedSource: string | null;
  readonly awsAccepted: boolean;
  readonly startedAt: string;
  /** The pending write job that took this enrolment, while it is not yet on a stick of each role. */
  readonly pendingWrite: string | null;
  /** 'hardware': root's MFA is a token kept in the safe, so only the password is enrolled (no seed). */
  readonly mfa: MfaView;
}

export interface CodesView {
  readonly current: string;
  readonly next: string;
  readonly secondsLeft: number;
}

export interface CustodyWriteView {
  readonly enrolled: readonly string[];
  readonly job: WriteJobView;
  readonly outcomes: readonly AccountOutcomeView[];
}

export interface BreakGlassOpenView {
  readonly sessionId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly rootEmail: string;
  readonly signInUrl: string;
  readonly vaultGeneration: number;
  /** null when the seed store was not opened: the MFA device is a token taken from the safe. */
  readonly seedGeneration: number | null;
  /** Whether a live MFA code is offered (the seed store was opened). */
  readonly hasCode: boolean;
  /** The account's hardware tokens: the one taken out for this break-glass, the others in the safe or out. */
  readonly tokens: readonly BreakGlassTokenView[];
  readonly warnings: readonly string[];
  readonly closesAfterIdleMs: number;
  /** A rotation not yet confirmed: the new credential sits beside the current one; which to try first. */
  readonly rotation: { readonly password: boolean; readonly seed: boolean; readonly since: string; readonly reason: string; readonly advice: string } | null;
}

/**
 * Where one stick of a multi-stick job stands, by medium id, in the order the job goes through it: checked
 * first (every stick, before any byte is written), then staged and read back, then committed.
 */
export type ProgressStickPhase = 'waiting' | 'checking' | 'checked' | 'staging' | 'staged' | 'committing' | 'committed' | 'refused' | 'failed' | 'not-written';

export interface ProgressStickView {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly phase: ProgressStickPhase;
  /** What happened on this stick, when it was refused or failed (names the stick by medium id, never a path). */
  readonly sentence: string | null;
}

export interface BreakGlassTokenView {
  readonly tokenId: string;
  readonly kindWords: string;
  readonly model: string;
  readonly serial: string;
  readonly location: string;
  /** 'taken': checked out to this break-glass's custodians; 'in-safe': may be taken too; 'out': with someone else. */
  readonly status: 'taken' | 'in-safe' | 'out';
  readonly custodians: readonly string[];
  readonly dueAt: string | null;
  /** "Take TOKEN-07 (YubiKey 5 NFC, serial 12345678) from Safe A, shelf 2. …" */
  readonly sentence: string;
}

export interface ProgressView {
  readonly job: string;
  readonly done: number;
  readonly total: number;
  readonly step: string;
  /** Every stick the job writes, each with its own state; empty for a job on one stick or none. */
  readonly sticks: readonly ProgressStickView[];
}

/** How hard a master passphrase would be to guess; never carries the passphrase back. */
export interface PassphraseStrengthView {
  readonly score: 0 | 1 | 2 | 3 | 4;
  readonly guessesLog10: number;
  readonly acceptable: boolean;
  readonly warning: string | null;
  readonly suggestions: readonly string[];
  readonly minimumLength: number;
  /** The meter, read off the bar a master passphrase must clear: never above 2 for one that would be refused. */
  readonly level: 0 | 1 | 2 | 3 | 4;
  /** What the meter says ("Not strong enough yet", "Strong enough", "Very strong"). */
  readonly words: string;
}

export interface KdfView {
  readonly algorithm: string;
  readonly memoryMiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}
