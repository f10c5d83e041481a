import { LITERAL } from './fonts';

/**
 * Text drawn LITERAL (account ids, e-mail addresses, seeds, check values) is laid out with every OpenType feature
 * off, so each character's glyph and advance are its own whatever its neighbours. fontkit still runs its whole
 * shaping pipeline for every call, and a 5,000-account backup makes over a hundred thousand such calls on strings
 * that never repeat. Per document and font, this keeps the run of each printable ASCII character and assembles a
 * string's run from those; any other character, or any other feature set, goes to fontkit as before. The output
 * is the same bytes (test/unit/print-literal-layout.test.ts).
 */

/** What pdfkit's embedded font keeps per glyph position, already scaled to its units. */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface GlyphRun {
  readonly glyphs: readonly unknown[];
  readonly positions: readonly GlyphPosition[];
  readonly advanceWidth: number;
}

/** The one method of pdfkit's EmbeddedFont this relies on (not in its typings). */
interface EmbeddedFont {
  layoutRun(text: string, features?: unknown): GlyphRun;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function assembleFromCharacters(font: EmbeddedFont): void {
  const layoutRun = font.layoutRun.bind(font);
  const single = new Map<number, { readonly glyph: unknown; readonly position: GlyphPosition }>();
  font.layoutRun = (text, features) => {
    if (features !== LITERAL.features || !PRINTABLE_ASCII.test(text)) return layoutRun(text, features);
    const glyphs: unknown[] = [];
    const positions: GlyphPosition[] = [];
    let advanceWidth = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      let one = single.get(code);
      if (!one) {
        const run = layoutRun(text[i]!, features);
        // A character that is not exactly one glyph on its own is left to fontkit, whole string and all.
        if (run.glyphs.length !== 1) return layoutRun(text, features);
        one = { glyph: run.glyphs[0], position: run.positions[0]! };
        single.set(code, one);
      }
      glyphs.push(one.glyph);
      // A copy each time: pdfkit may adjust a position for word spacing.
      positions.push({ ...one.position });
      advanceWidth += one.position.xAdvance;
    }
    return { glyphs, positions, advanceWidth };
  };
}

/** Makes every font this document opens from now on assemble its literal runs from characters. */
export function assembleLiteralRuns(doc: PDFKit.PDFDocument): void {
  const fonts = new WeakSet<object>();
  const target = doc as unknown as { font: (...args: unknown[]) => unknown; _font?: EmbeddedFont };
  const open = target.font.bind(doc);
  target.font = (...args) => {
    const result = open(...args);
    const font = target._font;
    if (font && typeof font.layoutRun === 'function' && !fonts.has(font)) {
      fonts.add(font);
      assembleFromCharacters(font);
    }
    return result;
  };
}
