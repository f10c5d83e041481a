export interface AccountView {
  readonly accountId: string;
  readonly name: string;
  readonly rootEmail: string;
  readonly organizationalUnit: string | null;
  readonly awsStatus: string;
  readonly rootCredentialStatus: 'custodied' | 'removed-centrally';
  readonly mfa: { readonly kind: 'virtual' } | { readonly kind: 'hardware'; readonly tokenSerial: string };
  readonly enrolledAt: string | null;
}

export interface ImportPreviewView {
  readonly format: 'organizations-json' | 'csv';
  readonly rows: readonly { readonly line: number; readonly accountId: string; readonly name: string; readonly rootEmail: string; readonly notices: readonly string[]; readonly hasSeed: boolean; readonly known: boolean }[];
  readonly problems: readonly { readonly line: number; readonly kind: string; readonly message: string }[];
  readonly seedCount: number;
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
  /** 'hardware': root's MFA is a token kept in the safe, so only the password is enrolled (no seed). */
  readonly mfa: { readonly kind: 'virtual' } | { readonly kind: 'hardware'; readonly tokenSerial: string };
}

export interface CodesView {
  readonly current: string;
  readonly next: string;
  readonly secondsLeft: number;
}

export interface RoleWriteView {
  readonly generation: number;
  readonly accounts: number;
  readonly written: readonly { readonly mediumId: string; readonly sha256: string }[];
  readonly replicasBehind: readonly { readonly mediumId: string; readonly location: string; readonly generation: number }[];
}

export interface CustodyWriteView {
  readonly enrolled: readonly string[];
  readonly vault: RoleWriteView;
  readonly seed: RoleWriteView;
}

export interface BreakGlassOpenView {
  readonly sessionId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly rootEmail: string;
  readonly signInUrl: string;
  readonly vaultGeneration: number;
  readonly seedGeneration: number;
  readonly warnings: readonly string[];
  readonly closesAfterIdleMs: number;
}

export interface ProgressView {
  readonly job: string;
  readonly done: number;
  readonly total: number;
  readonly step: string;
}

/** How hard a master passphrase would be to guess; never carries the passphrase back. */
export interface PassphraseStrengthView {
  readonly score: 0 | 1 | 2 | 3 | 4;
  readonly guessesLog10: number;
  readonly acceptable: boolean;
  readonly warning: string | null;
  readonly suggestions: readonly string[];
  readonly minimumLength: number;
}

export interface KdfView {
  readonly algorithm: string;
  readonly memoryMiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}
