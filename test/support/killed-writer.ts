import { spawn } from 'node:child_process';

/** What the child writer (test/support/write-job-child.ts, bundled) is told to write, and where it stops. */
export interface KilledWriterRun {
  /** The bundled child writer's file (from bundleForChild). */
  readonly childFile: string;
  readonly home: string;
  readonly step: 'write' | 'promote';
  /** The file whose write (or promotion) the child reaches, then waits there to be killed. */
  readonly file: string;
  /** The mount folder of the stick the step must happen on. */
  readonly mount: string;
  readonly accountId: string;
  readonly seed: string;
}

/**
 * Runs a write in another Strongroom process and kills it dead (SIGKILL) once it says it reached the file, the way
 * a kiosk losing power mid-transaction stops. Resolves when the process is gone; rejects when it ended on its own
 * before reaching the file (with what it said), since then nothing was cut off.
 */
export async function killWriterAt(run: KilledWriterRun): Promise<void> {
  const writer = spawn(process.execPath, [run.childFile, run.home, run.step, run.file, run.mount, run.accountId, run.seed], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  const exited = new Promise<void>((resolve) => writer.on('exit', () => resolve()));
  writer.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    writer.stdout.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes(`at ${run.file}`)) resolve();
    });
    writer.on('exit', () => reject(new Error(`the writing process ended before ${run.file}: ${said}`)));
  });
  writer.kill('SIGKILL');
  await exited;
}
