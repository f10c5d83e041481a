import type { ProgressStickPhase, ProgressStickView, ProgressView } from '../contract/custody-views';
import type { MediumRole } from '../core/medium-manifest';

export type { ProgressStickPhase, ProgressStickView, ProgressView };

/**
 * What a slow job (Argon2 key derivation, writing several sticks, verifying every byte) is doing right now,
 * so the screen can show real progress instead of a frozen window: the job's steps, and for a job over several
 * sticks each stick's own state, as an imaging tool shows each drive it writes. One kiosk runs one custody job at
 * a time.
 */
export class ProgressBoard {
  private current: { job: string; done: number; total: number; step: string; sticks: ProgressStickView[] } | null = null;
  private readonly listeners = new Set<(view: ProgressView | null) => void>();

  start(job: string, total: number, step = 'Starting'): void {
    this.current = { job, done: 0, total: Math.max(1, total), step, sticks: [] };
    this.changed();
  }

  /** Announces the step now starting; `done` counts the steps finished before it. */
  step(step: string): void {
    if (!this.current) return;
    this.current = { ...this.current, step, done: Math.min(this.current.done + 1, this.current.total) };
    this.changed();
  }

  announce(step: string): void {
    if (!this.current) return;
    this.current = { ...this.current, step };
    this.changed();
  }

  /**
   * The sticks a job goes to, new ones waiting; a later call for the same job narrows or widens the list (a role
   * with nothing to write drops out) and keeps where each stick already listed stands.
   */
  sticks(sticks: readonly { readonly mediumId: string; readonly role: MediumRole }[]): void {
    if (!this.current) return;
    const known = this.current.sticks;
    const listed = sticks.map((s): ProgressStickView => known.find((k) => k.mediumId === s.mediumId && k.role === s.role) ?? { mediumId: s.mediumId, role: s.role, phase: 'waiting', sentence: null });
    this.current = { ...this.current, sticks: listed };
    this.changed();
  }

  /** One stick moves on; a stick the job does not list is ignored (a one-stick job lists none). */
  stick(mediumId: string, role: MediumRole, phase: ProgressStickPhase, sentence: string | null = null): void {
    if (!this.current || !this.current.sticks.some((s) => s.mediumId === mediumId && s.role === role)) return;
    this.current = {
      ...this.current,
      sticks: this.current.sticks.map((s) => (s.mediumId === mediumId && s.role === role ? { ...s, phase, sentence } : s)),
    };
    this.changed();
  }

  finish(): void {
    this.current = null;
    this.changed();
  }

  view(): ProgressView | null {
    return this.current ? { ...this.current, sticks: [...this.current.sticks] } : null;
  }

  /** Every change as it happens, for whoever follows the job more closely than a poll does (tests, the CLI). */
  onChange(listener: (view: ProgressView | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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

  /** Runs `work` inside the job already on the board, or as a job of its own when none is. */
  async within<T>(job: string, total: number, work: () => Promise<T>): Promise<T> {
    return this.current ? work() : this.run(job, total, work);
  }

  private changed(): void {
    const view = this.view();
    for (const listener of [...this.listeners]) listener(view);
  }
}
