/** What the Tokens screen and `strongroom tokens --json` show. Identifiers only: a token holds no secret here. */
export type TokenKindView = 'fido' | 'totp';
export type TokenStateView = 'in-safe' | 'checked-out' | 'lost' | 'revoked' | 'destroyed';

export interface TokenCheckoutView {
  readonly custodians: readonly string[];
  readonly reason: string;
  readonly checkedOutAt: string;
  readonly checkedOutBy: string;
  readonly dueAt: string;
  readonly overdue: boolean;
}

export interface TokenView {
  readonly tokenId: string;
  readonly kind: TokenKindView;
  readonly kindWords: string;
  readonly make: string;
  readonly model: string;
  readonly serial: string;
  readonly aaguid: string | null;
  readonly location: string;
  readonly state: TokenStateView;
  readonly stateWords: string;
  readonly stateReason: string | null;
  readonly stateChangedAt: string;
  readonly stateChangedBy: string;
  readonly addedAt: string;
  readonly addedBy: string;
  readonly lastSeenAt: string | null;
  readonly lastSeenHow: 'hid' | 'typed-serial' | null;
  readonly accounts: readonly { readonly accountId: string; readonly name: string }[];
  readonly checkout: TokenCheckoutView | null;
  /** Lost, revoked and destroyed tokens no longer count as an MFA device. */
  readonly counts: boolean;
}

export type TokenMatchView =
  | { readonly outcome: 'identified'; readonly tokenId: string; readonly how: 'hid' | 'typed-serial' }
  | { readonly outcome: 'mismatch'; readonly tokenId: string; readonly why: string }
  | { readonly outcome: 'model-only'; readonly candidates: readonly string[] }
  | { readonly outcome: 'unknown'; readonly why: string };

export interface DetectedTokenView {
  readonly deviceId: string;
  readonly manufacturer: string | null;
  readonly product: string | null;
  readonly usbId: string;
  readonly fido: { readonly aaguid: string | null; readonly versions: readonly string[]; readonly firmwareVersion: number | null } | null;
  readonly serial: { readonly value: string; readonly sourceWords: string } | null;
  readonly problems: readonly string[];
  readonly match: TokenMatchView;
  /** One sentence for the custodian: which token this is, or what to do with it. */
  readonly sentence: string;
}

export interface TokensOverview {
  readonly version: number;
  /** Whether plugged-in tokens can be read here, in words when they cannot. */
  readonly hid: { readonly available: boolean; readonly sentence: string };
  readonly scanError: string | null;
  readonly tokens: readonly TokenView[];
  readonly detected: readonly DetectedTokenView[];
}

export interface TokenPresentationView {
  readonly match: TokenMatchView;
  readonly token: TokenView | null;
  readonly sentence: string;
}

export interface TokenReportView {
  readonly accountsChecked: number;
  readonly intervalDays: number;
  readonly accountsWithoutHardwareMfa: readonly { readonly accountId: string; readonly name: string; readonly note: string }[];
  readonly accountsWithSingleMfaDevice: readonly { readonly accountId: string; readonly name: string; readonly device: string }[];
  readonly accountsToReregister: readonly { readonly accountId: string; readonly name: string; readonly tokenId: string; readonly state: TokenStateView; readonly sentence: string }[];
  readonly tokensNotSeen: readonly { readonly tokenId: string; readonly model: string; readonly serial: string; readonly lastSeenAt: string | null; readonly daysUnseen: number }[];
  readonly overdueCheckouts: readonly { readonly tokenId: string; readonly custodians: readonly string[]; readonly dueAt: string }[];
}
