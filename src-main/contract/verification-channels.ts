import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import { masterKey } from './master-key-schema';
import { tokenIdentification } from './token-channels';
import type { MediumVerificationView, RunReportView, RunView, ScheduleView, TokenStepView } from './verification-views';

const runId = z.string().min(1).max(100);

export const verificationChannels = {
  verificationSchedule: channel(emptyRequest, returns<ScheduleView>(), { needsCustodian: true }),
  activeVerification: channel(emptyRequest, returns<RunView | null>(), { needsCustodian: true }),
  startVerification: channel(emptyRequest, returns<RunView>(), { needsCustodian: true }),
  verifyMedium: channel(
    z
      .object({
        runId,
        devicePath: z.string().min(1).max(4096),
        passphrase: masterKey,
        physical: z
          .object({
            sealSerial: z.string().max(100).nullable(),
            bagIntact: z.enum(['yes', 'no', 'not-checked']),
            locationConfirmed: z.enum(['yes', 'no', 'not-checked']),
            newSealSerial: z.string().max(100).nullable().optional(),
          })
          .strict(),
      })
      .strict(),
    returns<MediumVerificationView>(),
    { needsCustodian: true },
  ),
  /** The token step: a token of the safe presented (plugged in, or its printed serial typed) and recorded in the run. */
  presentTokenForVerification: channel(z.object({ runId, identification: tokenIdentification }).strict(), returns<TokenStepView>(), { needsCustodian: true }),
  /** A token of the safe not presented in this run, with why: audited and on its report row; it still fails. */
  recordTokenNotPresented: channel(z.object({ runId, tokenId: z.string().min(1).max(40), reason: z.string().max(500) }).strict(), returns<TokenStepView>(), { needsCustodian: true }),
  /** Every token of the safe has been presented: missing, unknown and mismatched ones now fail. */
  closeTokenCheck: channel(z.object({ runId }).strict(), returns<TokenStepView>(), { needsCustodian: true }),
  setVerificationInterval: channel(z.object({ days: z.number().int().min(7).max(366) }).strict(), returns<ScheduleView>(), { needsCustodian: true }),
  finishVerification: channel(z.object({ runId, paper: z.enum(['A4', 'LETTER']).optional() }).strict(), returns<RunReportView>(), { needsCustodian: true }),
} as const;
