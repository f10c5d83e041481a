import { describe, it } from 'vitest';
import { FUZZ_RUNS, runFuzzProperty } from './fuzz-kit';
import { ALL_FUZZ_PROPERTIES } from './properties';

/**
 * The fuzz properties of every parser of outside input. Under `npm test` each runs a few hundred times; under
 * `npm run fuzz`, 10,000 times. A failure prints fast-check's seed and counterexample to replay it.
 */
const parsers = [...new Set(ALL_FUZZ_PROPERTIES.map((p) => p.parser))];
// Generous: 10,000 runs of a parser on a shared two-core machine take a while; only a hang should fail here.
const timeout = Math.max(60_000, FUZZ_RUNS * 60);

for (const parser of parsers) {
  describe(`fuzzing ${parser}`, () => {
    for (const fuzz of ALL_FUZZ_PROPERTIES.filter((p) => p.parser === parser)) {
      it(fuzz.name, { timeout }, async () => {
        await runFuzzProperty(fuzz);
      });
    }
  });
}
