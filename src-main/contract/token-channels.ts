import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import type { TokenPresentationView, TokenReportView, TokensOverview, TokenView } from './token-views';

// Loose on purpose: core/token checks ids, serials and reasons and says exactly what is wrong, which a schema
// message could not.
const tokenId = z.string().min(1).max(20);
const accountIds = z.array(z.string().max(40)).min(1).max(50);
const reason = z.string().max(1000);
const serial = z.string().max(200);
/** How a token is shown: the id of one detected over HID, or the serial printed on it. */
export const tokenIdentification = z.union([
  z.object({ detectedDeviceId: z.string().regex(/^hid-[0-9a-f]{16}$/) }).strict(),
  z.object({ typedSerial: serial }).strict(),
]);

export const tokenChannels = {
  listTokens: channel(emptyRequest, returns<TokensOverview>(), { needsCustodian: true }),
  /** Resolves when a token is plugged in or out, or the inventory changes (or after `timeoutMs`). */
  waitForTokenChange: channel(
    z.object({ sinceVersion: z.number().int().min(0), timeoutMs: z.number().int().min(100).max(60_000).optional() }).strict(),
    returns<{ version: number }>(),
    { needsCustodian: true },
  ),
  addToken: channel(
    z
      .object({
        kind: z.enum(['fido', 'totp']),
        serial,
        model: z.string().max(400),
        make: z.string().max(400).optional(),
        location: z.string().max(400),
        aaguid: z.string().max(64).optional(),
        accountIds: z.array(z.string().max(40)).max(50).optional(),
      })
      .strict(),
    returns<TokenView>(),
    { needsCustodian: true },
  ),
  assignToken: channel(z.object({ tokenId, accountIds }).strict(), returns<TokenView>(), { needsCustodian: true }),
  unassignToken: channel(z.object({ tokenId, accountIds }).strict(), returns<TokenView>(), { needsCustodian: true }),
  reportTokenLost: channel(z.object({ tokenId, reason }).strict(), returns<TokenView>(), { needsCustodian: true }),
  revokeToken: channel(z.object({ tokenId, reason }).strict(), returns<TokenView>(), { needsCustodian: true }),
  destroyToken: channel(z.object({ tokenId, reason }).strict(), returns<TokenView>(), { needsCustodian: true }),
  checkOutToken: channel(
    z
      .object({
        tokenId,
        custodians: z.array(z.string().max(200)).max(10).optional(),
        reason,
        returnWithinHours: z.number().positive().max(24 * 30).optional(),
      })
      .strict(),
    returns<TokenView>(),
    { needsCustodian: true },
  ),
  checkInToken: channel(z.object({ tokenId, identification: tokenIdentification }).strict(), returns<TokenView>(), { needsCustodian: true }),
  /** Which inventory token this is; records nothing. */
  identifyToken: channel(z.object({ identification: tokenIdentification }).strict(), returns<TokenPresentationView>(), { needsCustodian: true }),
  /** Shown in the safe: identified and its sighting recorded (a mismatch is audited). */
  presentToken: channel(z.object({ identification: tokenIdentification }).strict(), returns<TokenPresentationView>(), { needsCustodian: true }),
  tokenReport: channel(emptyRequest, returns<TokenReportView>(), { needsCustodian: true }),
} as const;
