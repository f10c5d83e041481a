import { z } from 'zod';
import type { Result } from './result';
import type { AuditChainView, AuditPage, CustodianView, SessionStatus } from './views';

/**
 * The one IPC contract. Each channel names its request schema (checked in main before any handler runs) and
 * its response type. The Electron preload, the main-process registration and the browser test harness are all
 * derived from this table, so none of them can drift from the others.
 *
 * `needsCustodian: true` marks channels that perform custody actions: they need a signed-in, unlocked custodian.
 */
const returns = <T>(): T => undefined as T;

const empty = z.object({}).strict();

export const channels = {
  sessionStatus: { request: empty, response: returns<SessionStatus>(), needsCustodian: false },
  touchSession: { request: empty, response: returns<SessionStatus>(), needsCustodian: false },
  listCustodians: { request: empty, response: returns<CustodianView[]>(), needsCustodian: false },
  signIn: { request: z.object({ name: z.string().max(200) }).strict(), response: returns<SessionStatus>(), needsCustodian: false },
  signOut: { request: empty, response: returns<SessionStatus>(), needsCustodian: true },
  setIdleLock: {
    request: z.object({ minutes: z.number().int().min(1).max(120) }).strict(),
    response: returns<SessionStatus>(),
    needsCustodian: true,
  },
  listAudit: {
    request: z.object({ limit: z.number().int().min(1).max(1000).optional(), beforeSeq: z.number().int().min(1).optional() }).strict(),
    response: returns<AuditPage>(),
    needsCustodian: true,
  },
  verifyAudit: { request: empty, response: returns<AuditChainView>(), needsCustodian: true },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<K extends ChannelName> = z.input<Channels[K]['request']>;
export type ParsedRequestOf<K extends ChannelName> = z.output<Channels[K]['request']>;
export type ResponseOf<K extends ChannelName> = Channels[K]['response'];

/** The shape of `window.strongroom` in the renderer. */
export type StrongroomApi = { readonly [K in ChannelName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>> };

export const channelNames = Object.keys(channels) as ChannelName[];

/** The IPC channel string for a contract entry; namespaced so no other listener can collide with it. */
export const ipcChannel = (name: ChannelName): string => `strongroom:${name}`;

export function isChannelName(value: string): value is ChannelName {
  return Object.hasOwn(channels, value);
}
