import { describe, expect, it } from 'vitest';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import { pdftoppmArguments, PopplerPdfRasteriser, pngSize } from '../../src-main/platform/pdf-preview';
import {
  createPlatformPrinter,
  cupsPrintArguments,
  CupsPrinter,
  isValidPrinterName,
  parseLpRequestId,
  parseLpstatAccepting,
  parseLpstatDefault,
  type PipedCommandRunner,
  type PipedResult,
} from '../../src-main/platform/printer';

interface Call {
  readonly command: string;
  readonly args: readonly string[];
  readonly input: Buffer | null;
}

/** Answers each command line from a table, as the CUPS tools would, and keeps what it was asked. */
function fakeRunner(answers: Record<string, Partial<PipedResult>>): { run: PipedCommandRunner; calls: Call[] } {
  const calls: Call[] = [];
  const run: PipedCommandRunner = (command, args, input) => {
    calls.push({ command, args, input: input ? Buffer.from(input) : null });
    const answer = answers[[command, ...args].join(' ')] ?? answers[command] ?? { code: 127, stderr: `${command}: not found` };
    return Promise.resolve({ code: answer.code ?? 0, stdout: answer.stdout ?? Buffer.alloc(0), stderr: answer.stderr ?? '' });
  };
  return { run, calls };
}

async function refusal(promise: Promise<unknown>): Promise<StrongroomError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const PDF = Buffer.from('%PDF-1.7\n… seed backup …\n%%EOF');

describe('printing through CUPS', () => {
  it('feeds the PDF to lp on standard input, never naming a file', async () => {
    expect(cupsPrintArguments('Office_Laser', 'Strongroom — Paper MFA seed backup (generation 3)')).toEqual([
      '-d',
      'Office_Laser',
      '-t',
      'Strongroom Paper MFA seed backup (generation 3)',
      '-',
    ]);
    const { run, calls } = fakeRunner({ lp: { stdout: Buffer.from('request id is Office_Laser-42 (1 file(s))\n') } });
    const receipt = await new CupsPrinter(run).print(PDF, 'Office_Laser', 'Strongroom — labels');
    expect(receipt).toEqual({ printer: 'Office_Laser', jobId: 'Office_Laser-42' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args.at(-1)).toBe('-');
    expect(calls[0]!.input?.equals(PDF)).toBe(true);
  });

  it('lists printers with lpstat -e and marks the default one', async () => {
    const { run } = fakeRunner({
      'lpstat -e': { stdout: Buffer.from('Office_Laser\nStrongroom-Mono\n') },
      'lpstat -d': { stdout: Buffer.from('system default destination: Strongroom-Mono\n') },
    });
    expect(await new CupsPrinter(run).listPrinters()).toEqual([
      { name: 'Office_Laser', isDefault: false },
      { name: 'Strongroom-Mono', isDefault: true },
    ]);
  });

  it('falls back to lpstat -a on an older CUPS, keeping only printers that accept jobs', async () => {
    const { run } = fakeRunner({
      'lpstat -e': { code: 1, stderr: 'lpstat: invalid option -- e' },
      'lpstat -a': { stdout: Buffer.from('Office_Laser accepting requests since Mon 01 Jan 2026\nBroken not accepting requests since Tue\n') },
      'lpstat -d': { stdout: Buffer.from('no system default destination\n') },
    });
    expect(await new CupsPrinter(run).listPrinters()).toEqual([{ name: 'Office_Laser', isDefault: false }]);
    expect(parseLpstatAccepting('A accepting requests since x\nB not accepting requests')).toEqual(['A']);
    expect(parseLpstatDefault('no system default destination')).toBeNull();
    expect(parseLpRequestId('nothing useful')).toBeNull();
  });

  it('says there is no printer when CUPS has none, and that CUPS is missing when lpstat is', async () => {
    const none = fakeRunner({ 'lpstat -e': { code: 1, stderr: 'lpstat: No destinations added.' }, 'lpstat -d': { code: 1 } });
    expect(await new CupsPrinter(none.run).listPrinters()).toEqual([]);
    const missing = await refusal(new CupsPrinter(fakeRunner({}).run).listPrinters());
    expect(missing.code).toBe(ErrorCode.PrinterUnavailable);
    expect(missing.message).toContain('CUPS');
  });

  it('reports a job the printer refused with what lp said, and refuses names lp would read as options', async () => {
    const { run } = fakeRunner({ lp: { code: 1, stderr: 'lp: The printer or class does not exist.\n' } });
    const failed = await refusal(new CupsPrinter(run).print(PDF, 'Gone', 'x'));
    expect(failed.code).toBe(ErrorCode.PrintFailed);
    expect(failed.message).toContain('The printer or class does not exist.');
    for (const name of ['-oraw', 'two words', 'a/b', '', 'x'.repeat(128)]) expect(isValidPrinterName(name), name).toBe(false);
    expect(isValidPrinterName('HP_LaserJet-4050.local')).toBe(true);
    const refused = await refusal(new CupsPrinter(run).print(PDF, '-oraw', 'x'));
    expect(refused.code).toBe(ErrorCode.PrinterNameInvalid);
  });

  it('says plainly on Windows that printing goes through a medium', async () => {
    const refused = await refusal(createPlatformPrinter('win32').listPrinters());
    expect(refused.code).toBe(ErrorCode.PrinterUnavailable);
    expect(refused.message).toContain('Save the document on a stick');
    expect(createPlatformPrinter('darwin').implementation).toBe('cups');
  });
});

describe('page previews', () => {
  it('asks pdftoppm for one page from standard input to standard output', async () => {
    expect(pdftoppmArguments(3, 80)).toEqual(['-png', '-r', '80', '-f', '3', '-l', '3', '-singlefile', '-']);
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(661, 16);
    png.writeUInt32BE(935, 20);
    const { run, calls } = fakeRunner({ pdftoppm: { stdout: png } });
    const out = await new PopplerPdfRasteriser({ run }).renderPage(PDF, 3, 80);
    expect(pngSize(out)).toEqual({ width: 661, height: 935 });
    expect(calls[0]!.input?.equals(PDF)).toBe(true);

    const broken = fakeRunner({ pdftoppm: { code: 99, stderr: 'Wrong page range' } });
    expect((await refusal(new PopplerPdfRasteriser({ run: broken.run }).renderPage(PDF, 9, 80))).code).toBe(ErrorCode.PreviewUnavailable);
  });
});
