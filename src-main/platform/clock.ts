/** Injected so tests can move time (idle lock, TOTP windows, due dates) without waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
