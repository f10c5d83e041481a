import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import { keyCardEntry, keyCardSetId, masterKey } from './master-key-schema';
import type { KeyCardLineCheckView, KeyCardReadView, KeyCardRekeyView, KeySchemeView, PreparedKeyCardSetView } from './key-card-views';

const role = z.enum(['vault', 'seed']);

/**
 * Key cards in the window: how each role is opened today, a card read on its own before anything is combined,
 * and putting a role under cards (draw, print each card for its holder, re-key), over the same KeyCardDesk
 * methods as `strongroom keycards draw`. No channel ever answers with a share or the key.
 */
export const keyCardChannels = {
  keySchemes: channel(emptyRequest, returns<KeySchemeView[]>(), { needsCustodian: true }),
  /** Says which card it is (role, number, set, holder), never the share; wrong lines are named. */
  readKeyCard: channel(z.object({ entry: keyCardEntry }).strict(), returns<KeyCardReadView>(), { needsCustodian: true }),
  checkKeyCardLine: channel(
    z.object({ lineNumber: z.number().int().min(1).max(32), text: z.string().max(200), check: z.string().max(20) }).strict(),
    returns<KeyCardLineCheckView>(),
    { needsCustodian: true },
  ),
  /** Draws the key and prepares one card per holder, held in main's memory; nothing is re-keyed yet. */
  drawKeyCards: channel(
    z
      .object({
        role,
        threshold: z.number().int().min(2).max(16),
        holders: z.array(z.string().max(200)).min(1).max(16),
        paper: z.enum(['A4', 'LETTER']),
        organisation: z.string().max(200).optional(),
      })
      .strict(),
    returns<PreparedKeyCardSetView>(),
    { needsCustodian: true },
  ),
  /** The set this custodian drew for the role and has not re-keyed or discarded yet, if any. */
  preparedKeyCards: channel(z.object({ role }).strict(), returns<PreparedKeyCardSetView | null>(), { needsCustodian: true }),
  /** Prints one card; its document is wiped from memory once it reached the printer. */
  printKeyCard: channel(z.object({ setId: keyCardSetId, number: z.number().int().min(1).max(16), printer: z.string().min(1).max(200) }).strict(), returns<PreparedKeyCardSetView>(), {
    needsCustodian: true,
  }),
  discardKeyCards: channel(z.object({ setId: keyCardSetId }).strict(), returns<{ discarded: true }>(), { needsCustodian: true }),
  /** Re-keys every stick of the role in service with a fully printed set; `current` is the role's key today. */
  rekeyWithKeyCards: channel(z.object({ setId: keyCardSetId, current: masterKey.optional(), leaveBehind: z.boolean().optional() }).strict(), returns<KeyCardRekeyView>(), {
    needsCustodian: true,
  }),
} as const;
