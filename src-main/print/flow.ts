import { FONT } from './fonts';
import { INK } from './page-frame';
import type { FramedDocument } from './page-frame';

/**
 * Flowing building blocks for the text documents (cover page, emergency sheet, report). Each measures itself
 * first and moves to a new page whole, so a table row, a list item or a heading with its first line is never
 * cut by a page break.
 */

const BODY_SIZE = 9;
const LINE_GAP = 1.5;
const HEADING_SIZE = 11;
const HEADING_SPACE_BEFORE = 9;

/** A section heading, kept on the same page as the first `keepWith` points of what follows it. */
export function heading(out: FramedDocument, text: string, options: { size?: number; keepWith?: number } = {}): void {
  const { doc, body } = out;
  const size = options.size ?? HEADING_SIZE;
  const spaceBefore = HEADING_SPACE_BEFORE;
  doc.font(FONT.sansBold).fontSize(size);
  const height = doc.heightOfString(text, { width: body.width });
  out.ensureSpace(spaceBefore + height + 4 + Math.min(options.keepWith ?? 40, body.height / 2));
  if (out.y > body.y) out.y += spaceBefore;
  doc.fillColor(INK.text).text(text, body.x, out.y, { width: body.width });
  out.y += height + 4;
}

export function paragraph(
  out: FramedDocument,
  text: string,
  options: { size?: number; muted?: boolean; width?: number; bold?: string } = {},
): void {
  const { doc, body } = out;
  const size = options.size ?? BODY_SIZE;
  const width = options.width ?? body.width;
  doc.font(FONT.sans).fontSize(size);
  const height = doc.heightOfString(text, { width, lineGap: LINE_GAP });
  out.ensureSpace(height);
  doc.fillColor(options.muted ? INK.muted : INK.text);
  // A bold lead-in is drawn as the first fragment of the same paragraph, so the wrapping stays one flow.
  if (options.bold && text.startsWith(options.bold)) {
    doc.font(FONT.sansBold).text(options.bold, body.x, out.y, { width, lineGap: LINE_GAP, continued: true });
    doc.font(FONT.sans).text(text.slice(options.bold.length), { width, lineGap: LINE_GAP });
  } else {
    doc.text(text, body.x, out.y, { width, lineGap: LINE_GAP });
  }
  out.y += height + 4;
}

export function list(out: FramedDocument, items: readonly string[], numbered = false): void {
  const { doc, body } = out;
  const indent = 20;
  items.forEach((item, i) => {
    doc.font(FONT.sans).fontSize(BODY_SIZE);
    const height = doc.heightOfString(item, { width: body.width - indent, lineGap: LINE_GAP });
    out.ensureSpace(height);
    doc
      .font(FONT.sansBold)
      .fontSize(BODY_SIZE)
      .fillColor(INK.text)
      .text(numbered ? `${i + 1}.` : '•', body.x + 3, out.y, { width: indent - 3, lineBreak: false });
    doc.font(FONT.sans).fontSize(BODY_SIZE).text(item, body.x + indent, out.y, { width: body.width - indent, lineGap: LINE_GAP });
    out.y += height + 4;
  });
}

export interface Fact {
  readonly label: string;
  readonly value: string;
  readonly mono?: boolean;
}

/** Label and value pairs between hairlines, for the facts a reader checks first. */
export function factTable(out: FramedDocument, facts: readonly Fact[], labelWidth = 130): void {
  const { doc, body } = out;
  const valueWidth = body.width - labelWidth;
  const rule = (y: number) => doc.moveTo(body.x, y).lineTo(body.x + body.width, y).lineWidth(0.5).strokeColor(INK.rule).stroke();
  out.ensureSpace(22);
  rule(out.y);
  for (const fact of facts) {
    doc.font(fact.mono ? FONT.monoBold : FONT.sansBold).fontSize(fact.mono ? 9.5 : 9.5);
    const height = Math.max(12, doc.heightOfString(fact.value, { width: valueWidth })) + 9;
    if (out.y + height > out.bodyBottom) {
      out.newPage();
      rule(out.y);
    }
    doc.font(FONT.sans).fontSize(8.5).fillColor(INK.muted).text(fact.label, body.x, out.y + 5.5, { width: labelWidth - 8 });
    doc
      .font(fact.mono ? FONT.monoBold : FONT.sansBold)
      .fontSize(9.5)
      .fillColor(INK.text)
      .text(fact.value, body.x + labelWidth, out.y + 5, { width: valueWidth });
    out.y += height;
    rule(out.y);
  }
  out.y += 4;
}

export interface Column {
  readonly title: string;
  /** Share of the body width. */
  readonly share: number;
  readonly mono?: boolean;
  readonly bold?: boolean;
}

const TABLE_HEADER = 16;
const CELL_PAD = 4;

function tableLayout(out: FramedDocument, columns: readonly Column[]) {
  const { doc, body } = out;
  const total = columns.reduce((sum, c) => sum + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * body.width);
  const xs = widths.map((_, i) => body.x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const font = (c: Column) => (c.mono ? (c.bold ? FONT.monoBold : FONT.mono) : c.bold ? FONT.sansBold : FONT.sans);
  const size = (c: Column) => (c.mono ? 8.5 : 9);
  const rowHeight = (row: readonly string[]) =>
    Math.max(
      ...row.map((cell, i) => {
        const c = columns[i]!;
        doc.font(font(c)).fontSize(size(c));
        return doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * CELL_PAD, lineGap: 1 });
      }),
    ) +
    2 * CELL_PAD;
  return { widths, xs, font, size, rowHeight };
}

/** Height of a table drawn on one page, so a heading can stay with it. */
export function tableHeight(out: FramedDocument, columns: readonly Column[], rows: readonly (readonly string[])[]): number {
  const { rowHeight } = tableLayout(out, columns);
  return TABLE_HEADER + rows.reduce((sum, row) => sum + rowHeight(row), 0) + 6;
}

/**
 * A ruled table whose rows wrap and never split. A table that fits on one page moves to the next page whole;
 * a longer one breaks between rows and repeats its header row.
 */
export function table(out: FramedDocument, columns: readonly Column[], rows: readonly (readonly string[])[], startNeeds?: number): void {
  const { doc, body } = out;
  const { widths, xs, font, size, rowHeight } = tableLayout(out, columns);
  const drawHeader = () => {
    doc.rect(body.x, out.y, body.width, TABLE_HEADER).fill(INK.tint);
    columns.forEach((c, i) => {
      doc
        .font(FONT.sansBold)
        .fontSize(7.5)
        .fillColor(INK.muted)
        .text(c.title.toUpperCase(), xs[i]! + CELL_PAD, out.y + 5, {
          width: widths[i]! - 2 * CELL_PAD,
          lineBreak: false,
          characterSpacing: 0.4,
        });
    });
    out.y += TABLE_HEADER;
  };

  const whole = tableHeight(out, columns, rows);
  out.ensureSpace(startNeeds ?? (whole <= body.height ? whole : TABLE_HEADER + (rows[0] ? rowHeight(rows[0]) : 0)));
  drawHeader();
  for (const row of rows) {
    const height = rowHeight(row);
    if (out.y + height > out.bodyBottom) {
      out.newPage();
      drawHeader();
    }
    row.forEach((cell, i) => {
      const c = columns[i]!;
      doc
        .font(font(c))
        .fontSize(size(c))
        .fillColor(INK.text)
        .text(cell, xs[i]! + CELL_PAD, out.y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, lineGap: 1 });
    });
    out.y += height;
    doc.moveTo(body.x, out.y).lineTo(body.x + body.width, out.y).lineWidth(0.5).strokeColor(INK.rule).stroke();
  }
  out.y += 6;
}

/**
 * A heading, an optional lead paragraph and a table, never parted by a page break: the heading moves to the next
 * page unless the table can start (whole, or with its first row when it is too long to stay whole) below it on
 * this one. A heading such as "SEEDS-02 — failed" alone at the foot of a page reads as a finding with no detail.
 */
export function headedTable(
  out: FramedDocument,
  title: string,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  lead?: { readonly text: string; readonly bold?: string },
): void {
  const { doc, body } = out;
  doc.font(FONT.sansBold).fontSize(HEADING_SIZE);
  const headingHeight = HEADING_SPACE_BEFORE + doc.heightOfString(title, { width: body.width }) + 4;
  doc.font(FONT.sans).fontSize(BODY_SIZE);
  const leadHeight = lead ? doc.heightOfString(lead.text, { width: body.width, lineGap: LINE_GAP }) + 4 : 0;
  const whole = tableHeight(out, columns, rows);
  const firstRow = rows[0] ? tableHeight(out, columns, [rows[0]]) - 6 : TABLE_HEADER;
  // Whole when heading, lead and table fit on one page together; otherwise the table may break after its first row.
  const tableNeeds = headingHeight + leadHeight + whole <= body.height ? whole : firstRow;
  out.ensureSpace(headingHeight + leadHeight + tableNeeds);
  heading(out, title, { keepWith: 0 });
  if (lead) paragraph(out, lead.text, lead.bold ? { bold: lead.bold } : {});
  table(out, columns, rows, tableNeeds);
}

/** Lines to sign on, each with its caption underneath. */
export function signatureLines(out: FramedDocument, labels: readonly string[], caption = 'name · signature · date'): void {
  const { doc, body } = out;
  const gap = 16;
  const columnWidth = (body.width - (labels.length - 1) * gap) / labels.length;
  out.ensureSpace(58);
  const lineY = out.y + 30;
  labels.forEach((label, i) => {
    const x = body.x + i * (columnWidth + gap);
    doc.moveTo(x, lineY).lineTo(x + columnWidth, lineY).lineWidth(0.6).strokeColor(INK.text).stroke();
    doc.font(FONT.sansBold).fontSize(7.5).fillColor(INK.text).text(label, x, lineY + 4, { width: columnWidth, lineBreak: false });
    doc.font(FONT.sans).fontSize(7).fillColor(INK.muted).text(caption, x, lineY + 14, { width: columnWidth, lineBreak: false });
  });
  out.y = lineY + 26;
}
