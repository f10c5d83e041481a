import type PDFKitDocument from 'pdfkit';
import { PAPER, frameGeometry } from '../core/paper-layout';
import type { FrameGeometry, PaperSize, Rect } from '../core/paper-layout';
import { ErrorCode, StrongroomError } from '../core/errors';
import { packageOnFirstUse } from '../core/first-use';
import type { PrintedDocument } from './document-inputs';
import { FONT, LITERAL } from './fonts';
import { assembleLiteralRuns } from './literal-layout';
import { drawPracticeMark } from './practice-mark';
import type { PrintFonts } from './fonts';

/**
 * The shared page frame: a header band on every page (classification, title, facts, "page x of y") and a
 * footer (who printed it, fingerprints). Pages are buffered so the frame is drawn last, when the page count is
 * known; the documents only lay out their body. A document that knows its page count in advance (the seed
 * backup, which can run to a thousand pages) streams instead: each page is framed and written out as soon as the
 * next one starts, so memory holds one page, not the whole document.
 */

export const INK = {
  text: '#111111',
  muted: '#555555',
  faint: '#8a8a8a',
  rule: '#b5b5b5',
  tint: '#efefef',
} as const;

// pdfkit (with fontkit, its Unicode tables and brotli) is read on the first document, not at import: every
// `strongroom` process imports the print desks, while few of them print.
const PdfDocument = packageOnFirstUse<typeof PDFKitDocument>('pdfkit');

export type FrameTone = 'secret' | 'restricted' | 'plain';

export interface FrameText {
  /** The classification band, e.g. "SECRET — MFA SEEDS — store apart from the vault". */
  readonly banner: string;
  /** `secret` prints the band white on black so it shows through an envelope window and on a photocopy. */
  readonly tone: FrameTone;
  readonly title: string;
  /** Short facts on the right of the header, one string per line (at most two lines). */
  readonly facts: readonly string[];
  /** Footer lines, left; the first in the sans font, any further ones in monospace (fingerprints). */
  readonly footer: readonly string[];
}

export interface DocumentMeta {
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  readonly createdAt: Date;
  /** Practice mode: every page gets the practice mark. */
  readonly practice?: boolean;
}

export function openPdf(paper: PaperSize, fonts: PrintFonts, meta: DocumentMeta, margins = { top: 0, bottom: 0, left: 0, right: 0 }): PDFKit.PDFDocument {
  const doc = new (PdfDocument())({
    size: [PAPER[paper].width, PAPER[paper].height],
    margins,
    bufferPages: true,
    autoFirstPage: false,
    // No default font: pdfkit would otherwise load its Helvetica metrics from disk (a packaged app need not
    // carry them). Every text call below names one of the registered fonts. The typings do not admit null.
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Author: meta.author,
      Creator: 'Strongroom',
      Producer: 'Strongroom',
      CreationDate: meta.createdAt,
    },
    displayTitle: true,
    lang: 'en',
  });
  doc.registerFont(FONT.sans, fonts.sans);
  doc.registerFont(FONT.sansBold, fonts.sansBold);
  doc.registerFont(FONT.mono, fonts.mono);
  doc.registerFont(FONT.monoBold, fonts.monoBold);
  assembleLiteralRuns(doc);
  return doc;
}

export function collectPdf(doc: PDFKit.PDFDocument): Promise<PrintedDocument> {
  const pageCount = doc.bufferedPageRange().count;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => resolve({ pdf: Buffer.concat(chunks), pageCount }));
    doc.end();
  });
}

/** The frame and page count of a document that streams its pages; both must be known before the first page. */
export interface StreamedFrame {
  readonly frame: FrameText;
  readonly pageCount: number;
}

/** A document laid out in the body area of the shared frame, with a cursor for flowing sections. */
export class FramedDocument {
  readonly doc: PDFKit.PDFDocument;
  readonly geometry: FrameGeometry;
  /** Top of the free space on the current page. */
  y = 0;
  private readonly streamed: StreamedFrame | undefined;
  private readonly practice: boolean;

  constructor(paper: PaperSize, fonts: PrintFonts, meta: DocumentMeta, streamed?: StreamedFrame) {
    this.streamed = streamed;
    this.practice = meta.practice === true;
    this.geometry = frameGeometry(paper);
    const { body } = this.geometry;
    // Body margins make pdfkit's own wrapping stop where the footer begins.
    this.doc = openPdf(paper, fonts, meta, {
      top: body.y,
      left: body.x,
      right: this.geometry.width - body.x - body.width,
      bottom: this.geometry.height - body.y - body.height,
    });
    this.newPage();
  }

  get body(): Rect {
    return this.geometry.body;
  }

  get bodyBottom(): number {
    return this.geometry.body.y + this.geometry.body.height;
  }

  /** Pages begun so far, written out or not. */
  get pageCount(): number {
    const { start, count } = this.doc.bufferedPageRange();
    return start + count;
  }

  newPage(): void {
    if (this.streamed && this.pageCount > 0) {
      // Pages pdfkit began by itself (text running over) are among the held ones and get their frame too.
      this.frameHeldPages(this.streamed.frame, this.streamed.pageCount);
      this.doc.flushPages();
    }
    this.doc.addPage();
    this.y = this.geometry.body.y;
  }

  /** Starts a new page unless `height` still fits; sections call this so none is cut across a page break. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bodyBottom + 1e-6) this.newPage();
  }

  /** Frames the pages still held and writes the document out; a streamed one takes the frame it was given. */
  async finish(frame: FrameText): Promise<PrintedDocument> {
    if (this.streamed) {
      // Every page already written says "of N": a layout that made a different number must not reach paper.
      if (this.pageCount !== this.streamed.pageCount) {
        throw new StrongroomError(
          ErrorCode.Internal,
          `The document came to ${this.pageCount} pages although ${this.streamed.pageCount} were laid out, so it was not printed.`,
        );
      }
      this.frameHeldPages(this.streamed.frame, this.streamed.pageCount);
    } else {
      this.frameHeldPages(frame, this.pageCount);
    }
    const printed = await collectPdf(this.doc);
    return { ...printed, pageCount: this.pageCount };
  }

  private frameHeldPages(frame: FrameText, total: number): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let index = 0; index < count; index += 1) {
      this.doc.switchToPage(start + index);
      drawFrame(this.doc, this.geometry, frame, start + index + 1, total);
      if (this.practice) drawPracticeMark(this.doc, this.geometry.width, this.geometry.height);
    }
  }
}

function drawFrame(doc: PDFKit.PDFDocument, g: FrameGeometry, frame: FrameText, page: number, pages: number): void {
  // Drawing in the margins must never make pdfkit start a page of its own.
  const saved = { ...doc.page.margins };
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };

  const { header, footer } = g;
  const bandHeight = 17;
  const pageLabel = `Page ${page} of ${pages}`;
  const inverted = frame.tone === 'secret';

  doc.save();
  if (inverted) {
    doc.rect(header.x, header.y, header.width, bandHeight).fill(INK.text);
  } else {
    doc.rect(header.x, header.y, header.width, bandHeight).lineWidth(frame.tone === 'restricted' ? 1.4 : 0.6).stroke(INK.text);
  }
  doc.restore();
  const bandText = inverted ? '#ffffff' : INK.text;
  const bandBaseline = header.y + 4.6;
  doc.font(FONT.sansBold).fontSize(8.5).fillColor(bandText);
  const labelWidth = doc.widthOfString(pageLabel);
  doc.text(pageLabel, header.x + header.width - 8 - labelWidth, bandBaseline, { lineBreak: false });
  doc.font(FONT.sansBold).fontSize(9);
  doc.text(frame.banner, header.x + 8, bandBaseline - 0.4, {
    lineBreak: false,
    characterSpacing: 0.6,
    width: header.width - labelWidth - 32,
    ellipsis: true,
    height: 12,
  });

  const titleY = header.y + bandHeight + 8;
  doc.fillColor(INK.text).font(FONT.sansBold).fontSize(13);
  const factsWidth = Math.min(header.width * 0.5, 260);
  doc.text(frame.title, header.x, titleY, { lineBreak: false, width: header.width - factsWidth - 12, ellipsis: true, height: 18 });
  doc.font(FONT.sans).fontSize(7.5).fillColor(INK.muted);
  frame.facts.slice(0, 2).forEach((line, i) => {
    doc.text(line, header.x + header.width - factsWidth, titleY + 1 + i * 10, {
      width: factsWidth,
      align: 'right',
      lineBreak: false,
      ellipsis: true,
      height: 10,
    });
  });
  doc
    .moveTo(header.x, header.y + header.height)
    .lineTo(header.x + header.width, header.y + header.height)
    .lineWidth(0.5)
    .strokeColor(INK.rule)
    .stroke();

  doc.moveTo(footer.x, footer.y).lineTo(footer.x + footer.width, footer.y).lineWidth(0.5).strokeColor(INK.rule).stroke();
  frame.footer.slice(0, 2).forEach((line, i) => {
    doc
      .font(i === 0 ? FONT.sans : FONT.mono)
      .fontSize(i === 0 ? 7 : 6.8)
      .fillColor(INK.muted)
      .text(line, footer.x, footer.y + 4 + i * 9, { width: footer.width - 60, lineBreak: false, ellipsis: true, height: 9 });
  });
  doc.font(FONT.sans).fontSize(7).fillColor(INK.muted);
  doc.text(pageLabel, footer.x + footer.width - 60, footer.y + 4, { width: 60, align: 'right', lineBreak: false });

  doc.page.margins = saved;
}

// Text widths per document, by font, size and text. Blocks repeat the same labels and sizes thousands of
// times in a large backup, and pdfkit shapes the string again on every measurement.
const widthCache = new WeakMap<PDFKit.PDFDocument, Map<string, number>>();

export function textWidth(doc: PDFKit.PDFDocument, font: string, size: number, text: string): number {
  let cache = widthCache.get(doc);
  if (!cache) {
    cache = new Map();
    widthCache.set(doc, cache);
  }
  const key = `${font}\u0000${size}\u0000${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    const literal = font === FONT.mono || font === FONT.monoBold;
    width = doc.font(font).fontSize(size).widthOfString(text, literal ? LITERAL : {});
    cache.set(key, width);
  }
  return width;
}

/**
 * The largest size from `preferred` down to `minimum` at which `text` fits `width` in `font`. Identifiers are
 * shrunk rather than cut, because a clipped e-mail address or name is worse than a small one; only text that
 * does not fit even at the minimum is shortened with an ellipsis by the caller's `ellipsis: true`.
 */
export function fitFontSize(
  doc: PDFKit.PDFDocument,
  text: string,
  font: string,
  width: number,
  preferred: number,
  minimum: number,
): number {
  // Width grows in proportion to the size, so one measurement gives the answer.
  const atPreferred = textWidth(doc, font, preferred, text);
  if (atPreferred <= width) return preferred;
  const fitting = Math.floor(((preferred * width) / atPreferred) * 4) / 4;
  return Math.max(minimum, fitting);
}
