import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import type { AirGapView, CustodianView, SessionStatus } from './views';

export const sessionChannels = {
  sessionStatus: channel(emptyRequest, returns<SessionStatus>(), { needsCustodian: false }),
  touchSession: channel(emptyRequest, returns<SessionStatus>(), { needsCustodian: false }),
  listCustodians: channel(emptyRequest, returns<CustodianView[]>(), { needsCustodian: false }),
  signIn: channel(z.object({ name: z.string().max(200) }).strict(), returns<SessionStatus>(), { needsCustodian: false }),
  /** Only on a fresh kiosk (no custodian, nothing recorded): the first custodian registers themself and is signed in. */
  registerFirstCustodian: channel(z.object({ name: z.string().max(200) }).strict(), returns<SessionStatus>(), { needsCustodian: false }),
  /** Refused with PENDING_WORK_WOULD_BE_LOST while work held in memory would be lost, unless confirmed. */
  signOut: channel(z.object({ discardPendingWork: z.boolean().optional() }).strict(), returns<SessionStatus>(), { needsCustodian: true }),
  setIdleLock: channel(z.object({ minutes: z.number().int().min(1).max(120) }).strict(), returns<SessionStatus>(), {
    needsCustodian: true,
  }),
  airGapStatus: channel(emptyRequest, returns<AirGapView>(), { needsCustodian: false }),
  allowNetwork: channel(z.object({ reason: z.string().max(500) }).strict(), returns<AirGapView>(), { needsCustodian: true }),
} as const;
