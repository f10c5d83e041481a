import { appendFileSync } from 'node:fs';
import fc from 'fast-check';

/**
 * One fast-check property per concern, grouped by the parser of outside input it attacks. `npm test` runs every
 * property a few hundred times; `npm run fuzz` runs the same properties 10,000 times each and prints how many
 * runs each parser got (STRONGROOM_FUZZ_RUNS and STRONGROOM_FUZZ_REPORT, set by scripts/fuzz.mjs).
 */
export interface FuzzProperty {
  /** The parser under attack, as the fuzz summary names it: "otpauth URIs", "medium.json", ... */
  readonly parser: string;
  /** What must hold, in the custodian's words. */
  readonly name: string;
  readonly property: fc.IRawProperty<never, boolean> | fc.IRawProperty<never, true>;
}

export function fuzzProperty<Ts extends unknown[]>(parser: string, name: string, property: fc.IRawProperty<Ts, boolean> | fc.IRawProperty<Ts, true>): FuzzProperty {
  return { parser, name, property: property as unknown as FuzzProperty['property'] };
}

export const FUZZ_RUNS = Number(process.env['STRONGROOM_FUZZ_RUNS'] ?? '300');

/** Runs a property, fails with fast-check's report (seed, path, counterexample) and records the runs made. */
export async function runFuzzProperty(fuzz: FuzzProperty, runs = FUZZ_RUNS): Promise<number> {
  const details = await fc.check(fuzz.property as fc.IRawProperty<unknown[], boolean>, { numRuns: runs });
  const report = process.env['STRONGROOM_FUZZ_REPORT'];
  if (report) {
    appendFileSync(report, `${JSON.stringify({ parser: fuzz.parser, name: fuzz.name, runs: details.numRuns, skipped: details.numSkips, failed: details.failed })}\n`);
  }
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `${fuzz.parser}: ${fuzz.name} failed`);
  return details.numRuns;
}

/** Calls `parse` and returns what it threw, or null: outside input may be refused, only with a StrongroomError. */
export function refusalOf(parse: () => unknown): { code: string; message: string; details: Record<string, unknown> } | null {
  try {
    parse();
    return null;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'StrongroomError') throw error;
    const refusal = error as Error & { code: string; details: Record<string, unknown> };
    return { code: refusal.code, message: refusal.message, details: refusal.details };
  }
}
