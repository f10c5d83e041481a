/**
 * What a slow job (Argon2 key derivation, writing several sticks, verifying every byte) is doing right now,
 * so the screen can show real progress instead of a frozen window. One kiosk runs one custody job at a time.
 */
export interface ProgressView {
  readonly job: string;
  readonly done: number;
  readonly total: number;
  readonly step: string;
}

export class ProgressBoard {
  private current: { job: string; done: number; total: number; step: string } | null = null;

  start(job: string, total: number, step = 'Starting'): void {
    this.current = { job, done: 0, total: Math.max(1, total), step };
  }

  /** Announces the step now starting; `done` counts the steps finished before it. */
  step(step: string): void {
    if (!this.current) return;
    this.current = { ...this.current, step, done: Math.min(this.current.done + 1, this.current.total) };
  }

  announce(step: string): void {
    if (this.current) this.current = { ...this.current, step };
  }

  finish(): void {
    this.current = null;
  }

  view(): ProgressView | null {
    return this.current ? { ...this.current } : null;
  }

  /** Runs `work` as a job, clearing the board whatever happens. */
  async run<T>(job: string, total: number, work: () => Promise<T>): Promise<T> {
    this.start(job, total);
    try {
      return await work();
    } finally {
      this.finish();
    }
  }
}
