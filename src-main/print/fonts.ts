import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, StrongroomError } from '../core/errors';

/**
 * The fonts every document embeds. They ship with the product (assets/fonts/) so a page looks the same on
 * any kiosk and a seed is never drawn in whatever fallback font a machine happens to have, where 0 and O or
 * 1 and l may look alike.
 */
export interface PrintFonts {
  readonly sans: Buffer;
  readonly sansBold: Buffer;
  readonly mono: Buffer;
  readonly monoBold: Buffer;
}

export const BUNDLED_FONT_FILES: Readonly<Record<keyof PrintFonts, string>> = {
  sans: 'Inter-Regular.otf',
  sansBold: 'Inter-SemiBold.otf',
  mono: 'JetBrainsMono-Regular.ttf',
  monoBold: 'JetBrainsMono-Bold.ttf',
};

/** Names the fonts are registered under in every document. */
export const FONT = {
  sans: 'strongroom-sans',
  sansBold: 'strongroom-sans-bold',
  mono: 'strongroom-mono',
  monoBold: 'strongroom-mono-bold',
} as const;

/**
 * assets/fonts/ at the root, found from this module's own location: src-main/print/ when run from source and
 * dist/main/ in a build (inside app.asar when packaged) are both two folders below it. A caller that keeps the
 * fonts elsewhere passes that folder to `loadPrintFonts`.
 */
export function defaultFontDirectory(): string {
  return fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
}

const loaded = new Map<string, Promise<PrintFonts>>();

export function loadPrintFonts(directory: string = defaultFontDirectory()): Promise<PrintFonts> {
  let pending = loaded.get(directory);
  if (!pending) {
    pending = readAll(directory);
    loaded.set(directory, pending);
    // A failed read is not remembered, so a fixed installation works without restarting the app.
    pending.catch(() => loaded.delete(directory));
  }
  return pending;
}

async function readAll(directory: string): Promise<PrintFonts> {
  const entries = Object.entries(BUNDLED_FONT_FILES) as [keyof PrintFonts, string][];
  try {
    const buffers = await Promise.all(entries.map(([, file]) => readFile(join(directory, file))));
    return Object.fromEntries(entries.map(([key], i) => [key, buffers[i]!])) as unknown as PrintFonts;
  } catch {
    throw new StrongroomError(
      ErrorCode.PrintFontsMissing,
      'The fonts for printing are missing from this installation, so nothing was printed. Reinstall Strongroom from the approved installer.',
    );
  }
}

// Every default OpenType feature switched off. pdfkit's typings only admit a list of features to add; fontkit
// also takes this object form, which is the only way to remove defaults.
const NO_FEATURES = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'rvrn'].map((tag) => [tag, false]),
) as unknown as PDFKit.Mixins.OpenTypeFeatures[];

/**
 * Text options for anything a custodian copies character by character. The monospace font has programming
 * ligatures and contextual alternates (for `www`, `--`, `0x`...), which would change what a character looks
 * like depending on its neighbours; identifiers must show each character as itself. Skipping shaping also
 * keeps a 5,000-account backup fast.
 */
export const LITERAL = { features: NO_FEATURES } as const;
