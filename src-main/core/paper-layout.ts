/**
 * Page geometry for the printed documents, as plain numbers in PDF points (1/72 inch). Kept apart from the
 * drawing code so the number of pages a backup needs can be known, and tested, without rendering it, and so
 * the "nothing clipped, no block split across pages" promise rests on arithmetic a reader can check.
 */

export type PaperSize = 'A4' | 'LETTER';

export const POINTS_PER_MM = 72 / 25.4;

export function mm(millimetres: number): number {
  return millimetres * POINTS_PER_MM;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const PAPER: Readonly<Record<PaperSize, { readonly width: number; readonly height: number; readonly name: string }>> = {
  A4: { width: mm(210), height: mm(297), name: 'A4' },
  LETTER: { width: 612, height: 792, name: 'US Letter' },
};

export interface FrameGeometry {
  readonly paper: PaperSize;
  readonly width: number;
  readonly height: number;
  readonly header: Rect;
  readonly body: Rect;
  readonly footer: Rect;
}

// Generous side margins keep text clear of printers' unprintable edge (about 5 mm) and of hole punches.
const SIDE_MARGIN = mm(18);
const TOP_MARGIN = mm(12);
const BOTTOM_MARGIN = mm(9);
const HEADER_HEIGHT = mm(16);
const FOOTER_HEIGHT = mm(8);
const FRAME_GAP = mm(5);

export function frameGeometry(paper: PaperSize): FrameGeometry {
  const { width, height } = PAPER[paper];
  const innerWidth = width - 2 * SIDE_MARGIN;
  const header = { x: SIDE_MARGIN, y: TOP_MARGIN, width: innerWidth, height: HEADER_HEIGHT };
  const footer = { x: SIDE_MARGIN, y: height - BOTTOM_MARGIN - FOOTER_HEIGHT, width: innerWidth, height: FOOTER_HEIGHT };
  const bodyTop = header.y + header.height + FRAME_GAP;
  const body = { x: SIDE_MARGIN, y: bodyTop, width: innerWidth, height: footer.y - FRAME_GAP - bodyTop };
  return { paper, width, height, header, body, footer };
}

/** How many items of one height fit in a column, with a gap between neighbours and none after the last. */
export function stackCapacity(available: number, itemHeight: number, gap: number): number {
  if (!(itemHeight > 0) || gap < 0) throw new RangeError('item height must be positive and gap not negative');
  return Math.max(0, Math.floor((available + gap + 1e-6) / (itemHeight + gap)));
}

export function pagesNeeded(itemCount: number, perPage: number): number {
  if (perPage < 1) throw new RangeError('at least one item must fit on a page');
  return Math.max(1, Math.ceil(itemCount / perPage));
}

/**
 * One account block of the paper seed backup. The QR column is sized for a symbol of at least 35 mm, which
 * survives a photocopy; the text column grows with the number of seed lines. All blocks of one backup share
 * the height of the tallest, so page breaks are the same for every page and a block is never split.
 */
export const SEED_BLOCK = {
  padding: mm(3),
  /** Symbol size without its quiet zone. */
  qrSymbol: mm(35),
  /** White margin kept around the symbol: the QR standard asks for four modules, about 2.5 mm here. */
  qrQuietZone: mm(3.5),
  qrColumnGap: mm(5),
  nameRow: 15,
  detailRow: 11.5,
  detailsToSeedGap: 4,
  seedRow: 15,
  blockGap: mm(2.5),
} as const;

export function seedBlockHeight(seedLineCount: number): number {
  const b = SEED_BLOCK;
  const text = 2 * b.padding + b.nameRow + 2 * b.detailRow + b.detailsToSeedGap + seedLineCount * b.seedRow;
  return Math.max(text, b.qrSymbol + 2 * b.qrQuietZone);
}

export function seedQrColumnWidth(): number {
  return SEED_BLOCK.qrSymbol + 2 * SEED_BLOCK.qrQuietZone;
}

export function seedBlocksPerPage(paper: PaperSize, seedLineCount: number): number {
  return stackCapacity(frameGeometry(paper).body.height, seedBlockHeight(seedLineCount), SEED_BLOCK.blockGap);
}

/** Pages of a paper seed backup: one cover page with the recovery instructions, then the account blocks. */
export function seedBackupPageCount(paper: PaperSize, accountCount: number, seedLineCount: number): number {
  return 1 + pagesNeeded(accountCount, seedBlocksPerPage(paper, seedLineCount));
}

/**
 * Sticker sheets with 63.5 × 38.1 mm labels, 3 across and 7 down: the common 21-up A4 stock. US Letter has
 * no standard sheet of that label size, so the same grid is centred on the page.
 */
export interface LabelGrid {
  readonly columns: number;
  readonly rows: number;
  readonly labelWidth: number;
  readonly labelHeight: number;
  readonly pitchX: number;
  readonly pitchY: number;
  readonly originX: number;
  readonly originY: number;
}

export function labelGrid(paper: PaperSize): LabelGrid {
  const columns = 3;
  const rows = 7;
  const labelWidth = mm(63.5);
  const labelHeight = mm(38.1);
  const pitchX = mm(66.04);
  const pitchY = mm(38.1);
  const { width, height } = PAPER[paper];
  const originX = (width - ((columns - 1) * pitchX + labelWidth)) / 2;
  const originY = (height - ((rows - 1) * pitchY + labelHeight)) / 2;
  return { columns, rows, labelWidth, labelHeight, pitchX, pitchY, originX, originY };
}

export function labelSlot(grid: LabelGrid, position: number): { readonly page: number; readonly rect: Rect } {
  const perPage = grid.columns * grid.rows;
  const page = Math.floor(position / perPage);
  const onPage = position % perPage;
  const column = onPage % grid.columns;
  const row = Math.floor(onPage / grid.columns);
  return {
    page,
    rect: {
      x: grid.originX + column * grid.pitchX,
      y: grid.originY + row * grid.pitchY,
      width: grid.labelWidth,
      height: grid.labelHeight,
    },
  };
}
