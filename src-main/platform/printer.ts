import { runProcess, type ProcessResult } from './command-runner';
import { ErrorCode, StrongroomError } from '../core/errors';

/**
 * Printing, behind a port. A printed document may hold every MFA seed in custody, so it goes to the print
 * system on a pipe: no temporary PDF is ever written to the kiosk's disk by Strongroom.
 *
 * What stays outside Strongroom's control: CUPS spools a job in its own spool folder (/var/spool/cups) until the
 * printer has taken it. The kiosk image must keep CUPS's default `PreserveJobFiles No` (job files deleted once
 * printed) and should put the spool on tmpfs, so nothing outlives the job.
 */

export interface PrinterInfo {
  readonly name: string;
  readonly isDefault: boolean;
}

export interface PrintReceipt {
  readonly printer: string;
  /** The print system's job id (e.g. "Office-12"), when it gave one. */
  readonly jobId: string | null;
}

export interface Printer {
  readonly implementation: string;
  /** The printers the custodian may choose; empty when none is set up. Throws PrinterUnavailable when printing cannot work at all. */
  listPrinters(): Promise<PrinterInfo[]>;
  print(pdf: Uint8Array, printer: string, title: string): Promise<PrintReceipt>;
}

export type PipedResult = ProcessResult;

/** Runs a tool with bytes on stdin and bytes from stdout (see runProcess); a port so tests use a fake. */
export type PipedCommandRunner = (command: string, args: readonly string[], input: Uint8Array | null) => Promise<PipedResult>;

export function createPipedCommandRunner(options: { timeoutMs?: number; maxOutputBytes?: number } = {}): PipedCommandRunner {
  const limits = { timeoutMs: options.timeoutMs ?? 60_000, maxOutputBytes: options.maxOutputBytes ?? 64 * 1024 * 1024 };
  return (command, args, input) => runProcess(command, args, input ?? new Uint8Array(0), limits);
}

export const pipedCommandRunner: PipedCommandRunner = createPipedCommandRunner();

function unavailable(message: string): StrongroomError {
  return new StrongroomError(ErrorCode.PrinterUnavailable, message);
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
}

/**
 * CUPS destination names: printable characters without space, tab, slash, backslash, quote, comma or '#', at
 * most 127 of them. A leading dash is refused too, so a name can never be read by `lp` as an option.
 */
export function isValidPrinterName(name: string): boolean {
  return /^[^\s/\\'",#-][^\s/\\'",#]{0,126}$/u.test(name) && !/\p{Cc}/u.test(name);
}

/** A job title for the print queue: one line of plain text, no secret (callers pass the document's title). */
export function printJobTitle(title: string): string {
  const clean = title.replace(/[^\x20-\x7e]/g, ' ').replace(/\s+/g, ' ').trim();
  return (clean || 'Strongroom document').slice(0, 80);
}

/** `lp -d NAME -t TITLE -`: the file name "-" makes lp read the PDF from standard input. */
export function cupsPrintArguments(printer: string, title: string): string[] {
  return ['-d', printer, '-t', printJobTitle(title), '-'];
}

/** `lpstat -e`: one destination name per line. */
export function parseLpstatDestinations(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** `lpstat -a`: "NAME accepting requests since …" or "NAME not accepting requests …". Only accepting ones can print. */
export function parseLpstatAccepting(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => /^(\S+)\s+accepting requests/.exec(line.trim())?.[1])
    .filter((name): name is string => name !== undefined);
}

/** `lpstat -d`: "system default destination: NAME", or "no system default destination". */
export function parseLpstatDefault(stdout: string): string | null {
  return /system default destination:\s*(\S+)/.exec(stdout)?.[1] ?? null;
}

/** `lp`: "request id is Office-12 (1 file(s))". */
export function parseLpRequestId(stdout: string): string | null {
  return /request id is (\S+)/.exec(stdout)?.[1] ?? null;
}

const NO_DESTINATIONS = /no destinations added/i;

/**
 * Printing through CUPS's command-line tools, which Linux and macOS both have. The PDF is fed to `lp` on
 * standard input (`lp -d NAME -t TITLE -`), so no file is handed to the print system by path.
 */
export class CupsPrinter implements Printer {
  readonly implementation = 'cups';

  constructor(private readonly run: PipedCommandRunner = pipedCommandRunner) {}

  async listPrinters(): Promise<PrinterInfo[]> {
    const listed = await this.run('lpstat', ['-e'], null);
    if (listed.code === 127) {
      throw unavailable('The print system (CUPS) is not installed on this kiosk, so Strongroom cannot print here. Save the document on a stick of the right role instead.');
    }
    let names: string[];
    if (listed.code === 0) {
      names = parseLpstatDestinations(listed.stdout.toString('utf8'));
    } else if (NO_DESTINATIONS.test(listed.stderr)) {
      names = [];
    } else {
      // Older CUPS has no -e; -a lists destinations with whether they accept jobs.
      const accepting = await this.run('lpstat', ['-a'], null);
      if (accepting.code === 0) names = parseLpstatAccepting(accepting.stdout.toString('utf8'));
      else if (NO_DESTINATIONS.test(accepting.stderr)) names = [];
      else {
        const why = firstLine(accepting.stderr) || firstLine(listed.stderr) || `lpstat ended with code ${accepting.code}`;
        throw unavailable(`The print system did not answer (${why}). Check that CUPS is running, or save the document on a stick instead.`);
      }
    }
    const fallback = await this.run('lpstat', ['-d'], null);
    const defaultName = fallback.code === 0 ? parseLpstatDefault(fallback.stdout.toString('utf8')) : null;
    return names.filter(isValidPrinterName).map((name) => ({ name, isDefault: name === defaultName }));
  }

  async print(pdf: Uint8Array, printer: string, title: string): Promise<PrintReceipt> {
    if (!isValidPrinterName(printer)) {
      throw new StrongroomError(ErrorCode.PrinterNameInvalid, 'That printer name is not one the print system uses. Choose a printer from the list.');
    }
    const result = await this.run('lp', cupsPrintArguments(printer, title), pdf);
    if (result.code === 127) {
      throw unavailable('The print command (lp) is not installed on this kiosk, so Strongroom cannot print here. Save the document on a stick of the right role instead.');
    }
    if (result.code !== 0) {
      const why = firstLine(result.stderr) || `lp ended with code ${result.code}`;
      throw new StrongroomError(ErrorCode.PrintFailed, `The printer ${printer} did not take the document (${why}). Nothing was printed; check the printer and print again.`, {
        printer,
      });
    }
    return { printer, jobId: parseLpRequestId(result.stdout.toString('utf8')) };
  }
}

/** A kiosk where Strongroom cannot print directly; every attempt says why and what to do instead. */
export class UnavailablePrinter implements Printer {
  readonly implementation = 'none';

  constructor(readonly reason: string) {}

  listPrinters(): Promise<PrinterInfo[]> {
    return Promise.reject(unavailable(this.reason));
  }

  print(): Promise<PrintReceipt> {
    return Promise.reject(unavailable(this.reason));
  }
}

export const WINDOWS_PRINTING_REASON =
  'Strongroom cannot print directly on Windows. Save the document on a stick of the right role first, and print it from that stick on an offline computer with a printer, following your custody rules.';

/**
 * Linux and macOS both have CUPS's `lp`. Windows has no print command that reads a PDF from standard input
 * (its spooler takes files by path or through an application), and writing a seed backup to a temporary file
 * is exactly what must not happen, so on Windows printing goes through a medium first.
 */
export function createPlatformPrinter(platform: NodeJS.Platform = process.platform): Printer {
  if (platform === 'win32') return new UnavailablePrinter(WINDOWS_PRINTING_REASON);
  return new CupsPrinter();
}
