import type { Clock } from '../../src-main/platform/clock';

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: string | Date = '2026-11-23T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}
