import type { TokenFacts, TokenKind, TokenState } from '../core/token';
import type { TokenMatch } from '../core/token-identification';

/** What the Tokens screen and `strongroom tokens --json` show. Identifiers only: a token holds no secret here. */
export type TokenKindView = TokenKind;
export type TokenStateView = TokenState;

export interface TokenCheckoutView {
  readonly custodians: readonly string[];
  readonly reason: string;
  readonly checkedOutAt: string;
  readonly checkedOutBy: string;
  readonly dueAt: string;
  readonly overdue: boolean;
}

export interface TokenView extends TokenFacts {
  readonly kindWords: string;
  readonly stateWords: string;
  readonly accounts: readonly { readonly accountId: string; readonly name: string }[];
  readonly checkout: TokenCheckoutView | null;
  /** Lost, revoked and destroyed tokens no longer count as an MFA device. */
  readonly counts: boolean;
}

export type TokenMatchView = TokenMatch;

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
