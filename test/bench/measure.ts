import { spawn } from 'node:child_process';

/**
 * Timing helpers for `npm run bench`. Figures only: nothing here passes or fails. Every comparison runs its
 * contestants interleaved (A, B, A, B, ...) so that a machine busy with something else slows both alike, and
 * reports medians.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Runs each contestant `reps` times, taking turns, and returns every time in milliseconds. */
export async function interleaved(reps: number, contestants: Record<string, () => Promise<unknown>>): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(contestants).map((name) => [name, []]));
  for (let rep = 0; rep < reps; rep += 1) {
    for (const [name, run] of Object.entries(contestants)) times[name]!.push((await timed(run)).ms);
  }
  return times;
}

export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** A whole process, from spawn to exit, with `input` on its standard input. */
export function runProcess(command: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - start }));
    child.stdin.end(options.input ?? '');
  });
}

/** Fails loudly: a benchmark that times a failing command would report nonsense. */
export function mustSucceed(run: ProcessRun, what: string): ProcessRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}): ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return run;
}

export function seconds(ms: number): string {
  return Number.isFinite(ms) ? (ms / 1000).toFixed(ms < 10_000 ? 2 : 1) : '–';
}

export function ratio(value: number, reference: number): string {
  return Number.isFinite(value) && Number.isFinite(reference) && reference > 0 ? `${(value / reference).toFixed(2)}×` : '–';
}
