import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_FONT_FILES, FONT_FOLDER, loadPrintFonts, locateFontDirectory } from '../../src-main/print/fonts';
import { makeTempHome } from '../support/temp-home';

const REPO_FONTS = join(process.cwd(), 'assets', 'fonts');

/** An installation folder: Strongroom's package.json with the fonts beside it, as every way of running it has. */
function installation(root: string, name = 'strongroom'): string {
  mkdirSync(join(root, FONT_FOLDER), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name, version: '0.1.0' }));
  for (const file of Object.values(BUNDLED_FONT_FILES)) copyFileSync(join(REPO_FONTS, file), join(root, FONT_FOLDER, file));
  return join(root, FONT_FOLDER);
}

const moduleAt = (...parts: string[]) => pathToFileURL(join(...parts)).href;

describe('finding the print fonts, however Strongroom is run', () => {
  let temp: ReturnType<typeof makeTempHome> | undefined;
  afterEach(() => temp?.remove());

  it('finds the project fonts from the source module itself (tests, vitest)', async () => {
    expect(locateFontDirectory()).toBe(REPO_FONTS);
    const fonts = await loadPrintFonts();
    expect(fonts.sans.length).toBeGreaterThan(10_000);
  });

  it.each([
    ['the source tree', ['src-main', 'print', 'fonts.ts']],
    ['the built window and the CLI run through bin/', ['dist', 'main', 'main.js']],
    ['the browser harness bundle of `npm run harness`', ['node_modules', '.cache', 'strongroom', 'harness.mjs']],
  ])('from %s', async (_how, modulePath) => {
    temp = makeTempHome('strongroom-fonts-');
    const expected = installation(join(temp.home, 'strongroom'));
    const found = locateFontDirectory(moduleAt(temp.home, 'strongroom', ...modulePath));
    expect(found).toBe(expected);
    expect((await loadPrintFonts(found!)).mono.length).toBeGreaterThan(10_000);
  });

  it('from the packaged app, where package.json and assets/ sit inside app.asar beside dist/', () => {
    temp = makeTempHome('strongroom-fonts-');
    // Electron reads inside app.asar as if it were a folder; a plain folder of the same name stands in for it.
    const app = join(temp.home, 'Strongroom', 'resources', 'app.asar');
    const expected = installation(app);
    expect(locateFontDirectory(moduleAt(app, 'dist', 'main', 'main.js'))).toBe(expected);
  });

  it('skips a nearer folder with fonts that is not Strongroom’s own', () => {
    temp = makeTempHome('strongroom-fonts-');
    const expected = installation(join(temp.home, 'strongroom'));
    installation(join(temp.home, 'strongroom', 'node_modules', 'some-package'), 'some-package');
    expect(locateFontDirectory(moduleAt(temp.home, 'strongroom', 'node_modules', 'some-package', 'lib', 'index.js'))).toBe(expected);
  });

  it('finds nothing, rather than a wrong folder, where no Strongroom installation is above the module', () => {
    temp = makeTempHome('strongroom-fonts-');
    installation(join(temp.home, 'other'), 'other-app');
    expect(locateFontDirectory(moduleAt(temp.home, 'other', 'dist', 'main.js'))).toBeNull();
  });

  it('names the folder and the file when one font file is missing', async () => {
    temp = makeTempHome('strongroom-fonts-');
    const folder = join(temp.home, 'fonts');
    mkdirSync(folder);
    copyFileSync(join(REPO_FONTS, BUNDLED_FONT_FILES.sans), join(folder, BUNDLED_FONT_FILES.sans));
    const error = await loadPrintFonts(folder).then(
      () => new Error('the fonts loaded'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain(folder);
    expect(error.message).toMatch(/Inter-SemiBold\.otf|JetBrainsMono/);
  });

  it('packs package.json and the fonts into the app, where the lookup walks to', () => {
    const config = readFileSync(join(process.cwd(), 'electron-builder.yml'), 'utf8');
    const files = /^files:\n((?: {2}- .*\n)+)/m.exec(config)?.[1] ?? '';
    const entries = files.split('\n').map((line) => line.replace(/^ {2}- /, '').replace(/"/g, '').trim());
    expect(entries).toContain('package.json');
    expect(entries).toContain('assets/**');
    expect(entries).toContain('dist/main/**');
    expect(JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).name).toBe('strongroom');
  });
});
