import { spawnSync } from 'node:child_process';

/** Poppler and zbar read a saved PDF back as an auditor would; these say which of them this machine lacks. */
export function missingPdfReaders(): string[] {
  const present = (command: string, flag: string) => spawnSync(command, [flag]).error === undefined;
  return [
    ['pdftotext', '-v'],
    ['pdftoppm', '-v'],
    ['zbarimg', '--version'],
  ]
    .filter(([command, flag]) => !present(command!, flag!))
    .map(([command]) => command!);
}

function run(command: string, args: string[], input?: Buffer): Buffer {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString('utf8')}`);
  return result.stdout;
}

/** The text of each page of a PDF file, as pdftotext lays it out (blank trailing pages dropped). */
export function pdfPages(path: string): string[] {
  const text = run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']).toString('utf8');
  return text.split('\f').filter((page) => page.trim() !== '');
}

/** Every QR code zbar finds on the pages of a PDF file rendered at 150 dpi, in no particular order. */
export function qrCodesIn(path: string): string[] {
  const codes: string[] = [];
  for (let page = 1; page <= pdfPages(path).length; page += 1) {
    const png = run('pdftoppm', ['-png', '-r', '150', '-f', String(page), '-l', String(page), '-singlefile', path]);
    // zbarimg exits 4 when a page holds no code at all (a cover page): that is no failure here.
    const scan = spawnSync('zbarimg', ['--raw', '-q', '-'], { input: png, encoding: 'utf8' });
    if (scan.error) throw scan.error;
    codes.push(...scan.stdout.split('\n').filter((line) => line !== ''));
  }
  return codes;
}
