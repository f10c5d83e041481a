import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_KDF } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';

const missing = chromiumMissingReason();
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screens');
// The kiosk laptops this runs on: a common 1366-wide panel and an older 1024-wide one.
const WIDTHS = [1366, 1024] as const;

/** The little of the page's DOM the probe reads, declared here: the tests compile without the DOM library. */
interface ProbedElement {
  readonly tagName: string;
  readonly className: unknown;
  readonly parentElement: ProbedElement | null;
  readonly textContent: string | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  getBoundingClientRect(): { readonly right: number; readonly width: number; readonly height: number };
  closest(selector: string): unknown;
}
interface ProbedPage {
  readonly document: {
    readonly documentElement: { readonly clientWidth: number; readonly scrollWidth: number };
    readonly body: ProbedElement & { querySelectorAll(selector: string): Iterable<ProbedElement> };
  };
  getComputedStyle(el: ProbedElement): { readonly visibility: string; readonly overflowX: string; readonly textOverflow: string };
}

/**
 * What on the page is wider than the window or has its text cut off: the page scrolling sideways, a visible element
 * reaching past the right edge, or an element that clips its own text. Each as "tag.class: what".
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as ProbedPage;
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) problems.push(`page: scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    const name = (el: ProbedElement) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      // Text for screen readers only is clipped on purpose.
      if (el.closest('.visually-hidden')) continue;
      // Inside a scrolling box (a wide table) an element may reach past the window: the box scrolls, not the page.
      let scrolled = false;
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow === 'auto' || overflow === 'scroll') scrolled = true;
      }
      // Only the outermost element past the edge is named: its children follow it there.
      const parentRight = el.parentElement?.getBoundingClientRect().right ?? 0;
      if (!scrolled && box.right > width + 1 && parentRight <= width + 1) problems.push(`${name(el)}: reaches ${Math.round(box.right)} px of ${width}`);
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1 && (el.textContent ?? '').trim() !== '') problems.push(`${name(el)}: text cut off`);
    }
    return [...new Set(problems)];
  });
}

describe.skipIf(missing !== null)('every screen at kiosk window sizes', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('fits 1366×768 and 1024×768: nothing scrolls sideways, reaches past the edge or is cut off, and each screen is saved as a picture', async () => {

    const ui = new StrongroomPage(await browser.newPage());
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    await ui.signInAs('Dana Whitfield');
    const { media } = strongroom.app;
    // Long location notes and account names, as custodians type them, so cut-off text would show.
    await media.label({ devicePath: practice.insertStick('vault-1'), role: 'vault', location: { kind: 'onsite', note: 'Safe 1, second shelf, grey box' } });
    await media.label({ devicePath: practice.insertStick('seed-1'), role: 'seed', location: { kind: 'offsite', note: 'Bank deposit box 7, Main Street branch' } });
    await ui.goTo('Accounts');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByLabel('AWS account id (12 digits)').fill('123456789012');
    await page.getByLabel('Account name (as AWS Organizations shows it)').fill('production-payments-eu-central-1-long-name');
    await page.getByLabel('Root email address').fill('aws-root+production-payments-eu-central-1@example.com');
    await page.getByLabel('Organizational unit (optional)').fill('Workloads/Production/Payments');
    await page.getByRole('button', { name: 'Add account', exact: true }).click();
    await expect.poll(() => page.getByText('Added production-payments-eu-central-1-long-name (123456789012).').count()).toBe(1);
    const screens = await page.getByRole('navigation', { name: 'Jobs' }).getByRole('button').allInnerTexts();
    expect(screens.length).toBeGreaterThanOrEqual(6);

    const found: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 768 });
      for (const screen of screens) {
        await page.getByRole('navigation', { name: 'Jobs' }).getByRole('button', { name: screen, exact: true }).click();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        // Let the screen's data (custody bar, sticks, accounts) land before measuring: the widest content is the data.
        await page.locator('[aria-label="Custody status"]').waitFor();
        if (screen === 'Media') await expect.poll(() => page.locator('article.card').count()).toBe(2);
        if (screen === 'Accounts') await expect.poll(() => page.locator('tr[data-account]').count()).toBe(1);
        await page.screenshot({ path: join(SCREENSHOTS, `${screen.toLowerCase().replace(/[^a-z]+/g, '-')}-${width}.png`), fullPage: true });
        for (const problem of await layoutProblems(page)) found.push(`${screen} at ${width}: ${problem}`);
      }
    }
    expect(found).toEqual([]);
    expect(ui.consoleErrors).toEqual([]);
  });
});
