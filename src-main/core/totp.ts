import type * as Otplib from 'otplib';
import { onFirstUse, requirePackage } from './first-use';
import { MIN_SEED_BITS, MAX_SEED_BYTES, seedBytes, type Seed } from './seed';

/**
 * Time-based one-time codes (RFC 6238) for AWS virtual MFA. The time is always passed in: the kiosk's clock is
 * an injected port, and tests move it to a window edge without waiting.
 */

// otplib (with its hash and base32 packages, ~25 ms) is read on the first code, not at import: every `strongroom`
// process imports this module through the app layer, while few commands compute a code. A synchronous require
// (no I/O of the kiosk's own, only the package) keeps the code functions synchronous, as their callers need.
const otplib = onFirstUse(() => {
  const { createGuardrails, generateSync } = requirePackage<typeof Otplib>('otplib');
  // otplib refuses seeds under 128 bits by default; Strongroom's own floor (core/seed) is 80 bits, which covers
  // the 16-character seeds older issuers hand out. parseSeed has already refused anything shorter.
  return { generateSync, guardrails: createGuardrails({ MIN_SECRET_BYTES: MIN_SEED_BITS / 8, MAX_SECRET_BYTES: MAX_SEED_BYTES }) };
});

export interface TotpWindow {
  /** The code valid now. */
  readonly code: string;
  /** Unix seconds when this code's window began and ends (exclusive). */
  readonly windowStart: number;
  readonly windowEnd: number;
}

export interface ConsecutiveCodes {
  readonly current: TotpWindow;
  readonly next: TotpWindow;
  /** Whole seconds left before `current` stops being the code of the moment (1..period). */
  readonly secondsLeft: number;
}

function epochSeconds(at: Date): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('A TOTP code needs a valid time after 1970');
  return Math.floor(ms / 1000);
}

function codeAtEpoch(seed: Seed, epoch: number): string {
  const { generateSync, guardrails } = otplib();
  return generateSync({
    secret: seedBytes(seed),
    algorithm: 'sha1',
    digits: seed.digits,
    period: seed.period,
    epoch,
    guardrails,
  });
}

function windowAt(seed: Seed, epoch: number): TotpWindow {
  const windowStart = epoch - (epoch % seed.period);
  return { code: codeAtEpoch(seed, windowStart), windowStart, windowEnd: windowStart + seed.period };
}

/** The 6-digit code for the seed at the given moment. */
export function totpCode(seed: Seed, at: Date): string {
  return codeAtEpoch(seed, epochSeconds(at));
}

/** Seconds until the code shown at `at` changes (30 just after a change, 1 in the last second). */
export function secondsRemaining(at: Date, period = 30): number {
  return period - (epochSeconds(at) % period);
}

/**
 * AWS activates a virtual MFA device only with two consecutive codes. Showing both at once saves the custodian
 * waiting 30 seconds at the console; secondsLeft lets the screen warn when the first is about to expire.
 */
export function twoConsecutiveCodes(seed: Seed, now: Date): ConsecutiveCodes {
  const epoch = epochSeconds(now);
  const current = windowAt(seed, epoch);
  const next = windowAt(seed, current.windowEnd);
  return { current, next, secondsLeft: current.windowEnd - epoch };
}
