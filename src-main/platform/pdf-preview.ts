import { ErrorCode, StrongroomError } from '../core/errors';
import { pipedCommandRunner, type PipedCommandRunner } from './printer';

/**
 * Draws one page of a PDF as a PNG for the Print screen's preview. The PDF may hold every seed in custody, so
 * it goes to poppler's `pdftoppm` on standard input and the PNG comes back on standard output: no file is
 * written anywhere.
 */
export interface PdfRasteriser {
  renderPage(pdf: Uint8Array, page: number, dpi: number): Promise<Buffer>;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
  return bytes.length > 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Width and height in pixels from the PNG's IHDR chunk, so the screen can lay the image out before it loads. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (!isPng(png) || png.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** `pdftoppm -png -r DPI -f N -l N -singlefile -`: the PDF from stdin, one page, the PNG to stdout. */
export function pdftoppmArguments(page: number, dpi: number): string[] {
  return ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-'];
}

export class PopplerPdfRasteriser implements PdfRasteriser {
  private readonly command: string;
  private readonly run: PipedCommandRunner;

  constructor(options: { command?: string; run?: PipedCommandRunner } = {}) {
    this.command = options.command ?? 'pdftoppm';
    this.run = options.run ?? pipedCommandRunner;
  }

  async renderPage(pdf: Uint8Array, page: number, dpi: number): Promise<Buffer> {
    const result = await this.run(this.command, pdftoppmArguments(page, dpi), pdf);
    if (result.code === 127) {
      throw new StrongroomError(
        ErrorCode.PreviewUnavailable,
        'Page previews need poppler-utils (the pdftoppm program), which is not installed on this kiosk. The document is ready all the same: print it or save it without a preview, and ask the Strongroom owner to install poppler-utils.',
      );
    }
    if (result.code !== 0 || !isPng(result.stdout)) {
      throw new StrongroomError(
        ErrorCode.PreviewUnavailable,
        `The preview of page ${page} could not be drawn (pdftoppm ended with code ${result.code}). The document itself is unaffected: print it or save it all the same.`,
        { page },
      );
    }
    return result.stdout;
  }
}
