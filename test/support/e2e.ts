import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createHandlers } from '../../src-main/app/handlers';
import { StrongroomApp, type AppOptions } from '../../src-main/app/strongroom-app';
import { createDispatcher } from '../../src-main/contract/dispatch';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { bundleHarness } from '../../scripts/harness-bundle.mjs';
import { startBrowserHarness, type BrowserHarness } from '../harness/browser-harness';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const RENDERER_DIR = join(process.cwd(), 'dist', 'renderer');

// Debian's Chromium, headless, with everything that would try to reach the network switched off.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumMissingReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `Debian chromium is not installed at ${CHROMIUM_PATH}`;
}

export async function ensureRendererBuilt(): Promise<void> {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** A running Strongroom behind the browser harness, on its own fresh catalog. */
export class HarnessedStrongroom {
  private constructor(
    readonly home: string,
    readonly app: StrongroomApp,
    readonly harness: BrowserHarness,
    private readonly ownsHome: boolean,
  ) {}

  static async start(options: Partial<AppOptions> = {}): Promise<HarnessedStrongroom> {
    await ensureRendererBuilt();
    const ownsHome = !options.home;
    const home = options.home ?? mkdtempSync(join(tmpdir(), 'strongroom-e2e-'));
    // The test machine has a network; the harnessed kiosk stands in for an isolated one unless a test says otherwise.
    const app = new StrongroomApp({ env: {}, network: isolatedNetworkProbe, ...options, home });
    const dispatch = createDispatcher(createHandlers(app), (channel, error) => {
      throw new Error(`unexpected failure in ${channel}: ${String(error)}`);
    });
    const harness = await startBrowserHarness({ dispatch, rendererDir: RENDERER_DIR });
    return new HarnessedStrongroom(home, app, harness, ownsHome);
  }

  async stop(): Promise<void> {
    await this.harness.close();
    this.app.close();
    if (this.ownsHome) rmSync(this.home, { recursive: true, force: true });
  }
}

/** The custodian's view of the app, in the words of the custody process. */
export class StrongroomPage {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(error.message));
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('nav[aria-label="Jobs"], h1:text-is("Who is at the kiosk?")').first().waitFor();
  }

  async isSignedIn(): Promise<boolean> {
    return (await this.page.getByRole('navigation', { name: 'Jobs' }).count()) > 0;
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByRole('heading', { name: 'Who is at the kiosk?' }).waitFor();
  }

  async signInAs(name: string): Promise<void> {
    await this.page.getByRole('heading', { name: 'Who is at the kiosk?' }).waitFor();
    const known = this.page.getByRole('button', { name, exact: true });
    if (await known.count()) await known.click();
    else {
      await this.page.getByLabel(/full name/).fill(name);
      await this.page.getByRole('button', { name: 'Continue' }).click();
    }
    await this.page.getByRole('navigation', { name: 'Jobs' }).waitFor();
  }

  async goTo(screen: 'Accounts' | 'Media' | 'Print' | 'Verify' | 'Break-glass' | 'Audit' | 'Key cards' | 'Custodians'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Jobs' }).getByRole('button', { name: screen, exact: true }).click();
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
  }

  auditRows() {
    return this.page.locator('.audit-table tbody tr');
  }

  chainVerdict() {
    return this.page.locator('[data-chain]');
  }
}

/**
 * Types one group's master passphrase into a form, and again into its repeat box where the form asks for it twice
 * (a brand-new passphrase: the first generation of a file).
 */
export async function typeMasterPassphrase(form: Locator, role: 'vault' | 'seed', passphrase: string): Promise<void> {
  const group = role === 'vault' ? 'A' : 'B';
  // The write panel knows whether a passphrase is brand-new only once it has listed the sticks; wait for that,
  // or the repeat box may appear after this looked for it.
  if (await form.evaluate((node) => (node as unknown as { classList: { contains: (name: string) => boolean } }).classList.contains('write-panel'))) {
    await form.locator('.stick-choice input[type="checkbox"]').first().waitFor();
  }
  await form.getByLabel(`${role === 'vault' ? 'Vault' : 'Seed'} master passphrase (custodian group ${group})`).fill(passphrase);
  const again = form.getByLabel(`Type group ${group}'s new passphrase again`);
  if ((await again.count()) > 0) await again.fill(passphrase);
}

/**
 * `npm run harness` as a custodian starts it: the same bundle (scripts/harness-bundle.mjs builds it into
 * node_modules/.cache), run as its own Node process from the project folder, on a catalog and a practice-media
 * folder of the test's choosing. Unlike HarnessedStrongroom nothing is wired in-process, so whatever only goes
 * wrong in the bundle (a path worked out from the bundle's own location, say) goes wrong here too.
 */
export class HarnessProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    readonly output: string[],
  ) {}

  static async start(options: { home: string; mediaRoot: string }): Promise<HarnessProcess> {
    await ensureRendererBuilt();
    const bundle = await bundleHarness();
    const child = spawn(process.execPath, [bundle], {
      cwd: process.cwd(),
      env: { ...process.env, STRONGROOM_HOME: options.home, STRONGROOM_MEDIA_ROOT: options.mediaRoot },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the harness printed no address within 30 s:\n${output.join('')}`)), 30_000);
      const take = (chunk: Buffer) => {
        output.push(chunk.toString('utf8'));
        const found = /Open (http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]+\/index\.html)/.exec(output.join(''));
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the harness exited (${code}) before printing its address:\n${output.join('')}`));
      });
    });
    return new HarnessProcess(url, child, output);
  }

  /** Stops the harness the way Ctrl+C does (it closes the catalog on SIGTERM/SIGINT). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}
