import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PAPER,
  SEED_BLOCK,
  frameGeometry,
  labelGrid,
  labelSlot,
  mm,
  pagesNeeded,
  seedBackupPageCount,
  seedBlockHeight,
  seedBlocksPerPage,
  stackCapacity,
} from '../../src-main/core/paper-layout';
import type { PaperSize } from '../../src-main/core/paper-layout';

const PAPERS: PaperSize[] = ['A4', 'LETTER'];

describe('page frame geometry', () => {
  it.each(PAPERS)('keeps header, body and footer inside generous margins on %s', (paper) => {
    const g = frameGeometry(paper);
    expect(g.width).toBeCloseTo(PAPER[paper].width);
    for (const area of [g.header, g.body, g.footer]) {
      expect(area.x).toBeGreaterThanOrEqual(mm(15));
      expect(area.x + area.width).toBeLessThanOrEqual(g.width - mm(15) + 1e-6);
      expect(area.y).toBeGreaterThanOrEqual(mm(8));
      expect(area.y + area.height).toBeLessThanOrEqual(g.height - mm(8) + 1e-6);
    }
    expect(g.header.y + g.header.height).toBeLessThan(g.body.y);
    expect(g.body.y + g.body.height).toBeLessThan(g.footer.y);
  });
});

describe('stacking items on a page', () => {
  it('fits as many items as the space allows and not one more', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 2000, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (available, height, gap) => {
          const n = stackCapacity(available, height, gap);
          if (n > 0) expect(n * height + (n - 1) * gap).toBeLessThanOrEqual(available + 1e-5);
          expect((n + 1) * height + n * gap).toBeGreaterThan(available - 1e-5);
        },
      ),
    );
  });

  it('counts pages for any number of items', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 50 }), (items, perPage) => {
        const pages = pagesNeeded(items, perPage);
        expect(pages * perPage).toBeGreaterThanOrEqual(items);
        expect(pages).toBeGreaterThanOrEqual(1);
        if (items > 0) expect((pages - 1) * perPage).toBeLessThan(items);
      }),
    );
  });
});

describe('seed backup blocks', () => {
  it('leave room for a QR code of at least 35 mm with its quiet zone', () => {
    expect(SEED_BLOCK.qrSymbol).toBeGreaterThanOrEqual(mm(35) - 1e-6);
    expect(seedBlockHeight(1)).toBeGreaterThanOrEqual(SEED_BLOCK.qrSymbol + 2 * SEED_BLOCK.qrQuietZone);
  });

  it('grow with the number of seed lines so no line is ever cut off', () => {
    for (let lines = 1; lines <= 32; lines += 1) {
      const text = 2 * SEED_BLOCK.padding + SEED_BLOCK.nameRow + 2 * SEED_BLOCK.detailRow + SEED_BLOCK.detailsToSeedGap + lines * SEED_BLOCK.seedRow;
      expect(seedBlockHeight(lines)).toBeGreaterThanOrEqual(text);
    }
  });

  it.each(PAPERS)('fit whole on a %s page, five of them for a 64-character AWS seed', (paper) => {
    const body = frameGeometry(paper).body;
    for (const lines of [1, 2, 4, 7, 16, 32]) {
      const perPage = seedBlocksPerPage(paper, lines);
      expect(perPage).toBeGreaterThanOrEqual(1);
      expect(perPage * seedBlockHeight(lines) + (perPage - 1) * SEED_BLOCK.blockGap).toBeLessThanOrEqual(body.height + 1e-6);
    }
    expect(seedBlocksPerPage(paper, 4)).toBe(5);
  });

  it('give the page count of a backup from 1 to 5,000 accounts: a cover page plus full pages of blocks', () => {
    for (const paper of PAPERS) {
      const perPage = seedBlocksPerPage(paper, 4);
      for (const accounts of [1, perPage, perPage + 1, 50, 4999, 5000]) {
        expect(seedBackupPageCount(paper, accounts, 4)).toBe(1 + Math.ceil(accounts / perPage));
      }
    }
  });
});

describe('label sheets', () => {
  it.each(PAPERS)('place 21 labels of 63.5 × 38.1 mm on a %s sheet without overlap', (paper) => {
    const grid = labelGrid(paper);
    const { width, height } = PAPER[paper];
    const rects = Array.from({ length: 21 }, (_, i) => labelSlot(grid, i));
    for (const { page, rect } of rects) {
      expect(page).toBe(0);
      expect(rect.width).toBeCloseTo(mm(63.5));
      expect(rect.height).toBeCloseTo(mm(38.1));
      expect(rect.x).toBeGreaterThanOrEqual(0);
      expect(rect.y).toBeGreaterThanOrEqual(0);
      expect(rect.x + rect.width).toBeLessThanOrEqual(width);
      expect(rect.y + rect.height).toBeLessThanOrEqual(height);
    }
    for (let i = 0; i < rects.length; i += 1) {
      for (let j = i + 1; j < rects.length; j += 1) {
        const a = rects[i]!.rect;
        const b = rects[j]!.rect;
        const apart = a.x + a.width <= b.x + 1e-6 || b.x + b.width <= a.x + 1e-6 || a.y + a.height <= b.y + 1e-6 || b.y + b.height <= a.y + 1e-6;
        expect(apart).toBe(true);
      }
    }
    expect(labelSlot(grid, 21).page).toBe(1);
    expect(labelSlot(grid, 21).rect).toEqual(rects[0]!.rect);
  });

  it('matches the common 21-up A4 stock (7.2 mm side and 15.15 mm top margin)', () => {
    const grid = labelGrid('A4');
    expect(grid.originX / mm(1)).toBeCloseTo(7.21, 1);
    expect(grid.originY / mm(1)).toBeCloseTo(15.15, 1);
  });
});
