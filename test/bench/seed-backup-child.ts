import { loadPrintFonts } from '../../src-main/print/fonts';
import { buildSeedBackup } from '../../src-main/print/seed-backup';
import { seedBackupInput } from './print-fixtures';

/**
 * Builds one paper seed backup in a fresh process, so its peak resident memory is the document's alone and not
 * the benchmark's, and prints the figures as JSON.
 */
const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) throw new Error('usage: seed-backup-child ACCOUNTS');
const fonts = await loadPrintFonts();
const input = seedBackupInput(count);
const start = performance.now();
const cpuBefore = process.cpuUsage();
const backup = await buildSeedBackup(input, { fonts });
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuBefore);
// CPU time as well as wall time: on a machine shared with other work, the wall clock also counts their turns.
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024, pages: backup.pageCount, pdfMiB: backup.pdf.length / 2 ** 20 })}\n`,
);
