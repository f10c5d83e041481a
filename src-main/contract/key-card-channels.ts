import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import { keyCardEntry } from './master-key-schema';
import type { KeyCardLineCheckView, KeyCardReadView, KeySchemeView } from './key-card-views';

/** Key cards in the window: how each role is opened today, and a card read on its own, before anything is combined. */
export const keyCardChannels = {
  keySchemes: channel(emptyRequest, returns<KeySchemeView[]>(), { needsCustodian: true }),
  /** Says which card it is (role, number, set, holder), never the share; wrong lines are named. */
  readKeyCard: channel(z.object({ entry: keyCardEntry }).strict(), returns<KeyCardReadView>(), { needsCustodian: true }),
  checkKeyCardLine: channel(
    z.object({ lineNumber: z.number().int().min(1).max(32), text: z.string().max(200), check: z.string().max(20) }).strict(),
    returns<KeyCardLineCheckView>(),
    { needsCustodian: true },
  ),
} as const;
