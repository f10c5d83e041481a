/**
 * contract/: the one IPC contract between renderer and main: channel tables with their zod schemas, view
 * types, the result shape and dispatch, all gathered into the channel table here. A leaf used by app/ and shell/;
 * the renderer imports only its types. May import core/ and zod; never electron or any other layer.
 */
import type { z } from 'zod';
import { auditChannels } from './audit-channels';
import { cloudTrailChannels } from './cloudtrail-channels';
import { custodianChannels } from './custodian-channels';
import { custodyChannels } from './custody-channels';
import { incidentChannels } from './incident-channels';
import { keyCardChannels } from './key-card-channels';
import { mediaChannels } from './media-channels';
import { printChannels } from './print-channels';
import type { Result } from './result';
import { sessionChannels } from './session-channels';
import { tokenChannels } from './token-channels';
import { transactionChannels } from './transaction-channels';
import { verificationChannels } from './verification-channels';

/**
 * The one IPC contract: every feature's channel table merged. Each channel names its request schema (checked in
 * main before any handler runs) and its response type. The Electron preload, the main-process registration and
 * the browser test harness are all derived from this table, so none of them can drift from the others.
 *
 * `needsCustodian: true` marks channels that act on or read custody records: they are refused unless a custodian
 * is signed in and the kiosk is not locked, before the handler runs.
 */
export const channels = {
  ...sessionChannels,
  ...custodianChannels,
  ...auditChannels,
  ...mediaChannels,
  ...custodyChannels,
  ...keyCardChannels,
  ...incidentChannels,
  ...verificationChannels,
  ...printChannels,
  ...cloudTrailChannels,
  ...tokenChannels,
  ...transactionChannels,
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
