import { bench, describe } from 'vitest';
import { loadPrintFonts } from '../../src-main/print/fonts';
import { buildSeedBackup } from '../../src-main/print/seed-backup';
import { seedBackupInput } from './print-fixtures';

/**
 * How long the paper seed backup takes to build, in memory, for small and very large organisations. Figures
 * only: nothing here passes or fails. Run with `npx vitest bench test/bench/print-seed-backup.bench.ts`.
 */
const fonts = await loadPrintFonts();
const sizes = [50, 500, 5000] as const;
const inputs = new Map(sizes.map((n) => [n, seedBackupInput(n)]));

describe('paper seed backup (A4, 64-character seeds)', () => {
  for (const n of sizes) {
    bench(
      `${n} accounts`,
      async () => {
        await buildSeedBackup(inputs.get(n)!, { fonts });
      },
      { iterations: n === 5000 ? 1 : 3, warmupIterations: n === 5000 ? 0 : 1, time: 0, warmupTime: 0 },
    );
  }
});
