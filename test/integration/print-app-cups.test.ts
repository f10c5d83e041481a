import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CupsPrinter } from '../../src-main/platform/printer';
import { buildMediumLabels } from '../../src-main/print/medium-labels';

/**
 * The real CUPS tools. Listing printers is harmless; a page is sent only to a queue the operator names in
 * STRONGROOM_TEST_PRINTER (a cups-pdf or "file:" queue on a test bench), never to whatever printer is default.
 */
const hasLp = spawnSync('lp', ['-h']).error === undefined && spawnSync('lpstat', ['-h']).error === undefined;
const testPrinter = process.env['STRONGROOM_TEST_PRINTER'];
if (!hasLp) console.warn('CUPS printing test skipped: lp and lpstat are not installed on this machine (package cups-client).');
else if (!testPrinter) console.warn('CUPS print job test skipped: set STRONGROOM_TEST_PRINTER to a test queue to send one page.');

describe.skipIf(!hasLp)('printing through the real CUPS tools', () => {
  it('lists the printers CUPS knows, or none, without failing', async () => {
    const printers = await new CupsPrinter().listPrinters().catch((error: Error) => error);
    if (printers instanceof Error) expect(printers.message).toMatch(/print system|CUPS/);
    else for (const printer of printers) expect(printer.name).not.toMatch(/\s/);
  });

  it.skipIf(!testPrinter)('sends a page of labels to the test queue on standard input', async () => {
    const labels = await buildMediumLabels({
      paper: 'A4',
      printedAt: new Date().toISOString(),
      media: [{ mediumId: 'VAULT-01', role: 'vault', locationKind: 'onsite', locationNote: 'Print test' }],
    });
    const receipt = await new CupsPrinter().print(labels.pdf, testPrinter!, 'Strongroom print test');
    expect(receipt.printer).toBe(testPrinter);
  });
});
