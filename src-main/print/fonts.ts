/**
 * print/: the PDF documents (pdfkit): emergency sheet, paper seed backup with its QR encoder, medium labels,
 * share cards, verification, CloudTrail and audit reports, laid out on one page frame with the fonts embedded
 * here. May import core/ and packages; not app/, artefacts/, catalog/, cli/, platform/, shell/ or electron.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

/** The folder, relative to the installation's root (where Strongroom's package.json is), that holds the fonts. */
export const FONT_FOLDER = join('assets', 'fonts');

/**
 * assets/fonts/ of the Strongroom installation, found by walking up from this module's own file to the folder
 * whose package.json is Strongroom's. The same code runs at different depths below that folder: src-main/print/
 * (tests, from source), dist/main/ (the window, and the CLI through bin/), resources/app.asar/dist/main/ when
 * packaged (Electron reads inside the archive; electron-builder.yml packs assets/** and package.json beside
 * dist/), and node_modules/.cache/strongroom/ (the browser harness bundle) — so no fixed relative path fits all.
 * Returns null when no such folder exists above `moduleUrl`.
 */
export function locateFontDirectory(moduleUrl: string = import.meta.url): string | null {
  let folder = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const fonts = join(folder, FONT_FOLDER);
    if (isStrongroomRoot(folder) && existsSync(fonts)) return fonts;
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

function isStrongroomRoot(folder: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === 'strongroom';
  } catch {
    return false;
  }
}

const loaded = new Map<string, Promise<PrintFonts>>();
let installedFonts: string | null = null;

/** The fonts from `directory`, or from the installation's assets/fonts/ (see locateFontDirectory). */
export function loadPrintFonts(directory?: string): Promise<PrintFonts> {
  // Only a found folder is remembered: an installation repaired while the app runs is picked up on the next try.
  const folder = directory ?? (installedFonts ??= locateFontDirectory());
  if (folder === null) {
    const searchedFrom = dirname(fileURLToPath(import.meta.url));
    return Promise.reject(
      new StrongroomError(
        ErrorCode.PrintFontsMissing,
        `Nothing was printed: the fonts Strongroom prints with were not found. No ${FONT_FOLDER} folder sits beside Strongroom's package.json in ${searchedFrom} or any folder above it.`,
        { searchedFrom },
      ),
    );
  }
  let pending = loaded.get(folder);
  if (!pending) {
    pending = readAll(folder);
    loaded.set(folder, pending);
    // A failed read is not remembered, so a fixed installation works without restarting the app.
    pending.catch(() => loaded.delete(folder));
  }
  return pending;
}

async function readAll(directory: string): Promise<PrintFonts> {
  const entries = Object.entries(BUNDLED_FONT_FILES) as [keyof PrintFonts, string][];
  const buffers = await Promise.all(
    entries.map(([, file]) =>
      readFile(join(directory, file)).catch(() => {
        throw new StrongroomError(
          ErrorCode.PrintFontsMissing,
          `Nothing was printed: the font file ${file} is missing from ${directory}, or cannot be read.`,
          { folder: directory, file },
        );
      }),
    ),
  );
  return Object.fromEntries(entries.map(([key], i) => [key, buffers[i]!])) as unknown as PrintFonts;
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
