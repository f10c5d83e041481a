import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/app/handlers';
import type { StrongroomApp } from '../../src-main/app/strongroom-app';
import { channelNames, type ChannelName } from '../../src-main/contract/channels';
import { createDispatcher } from '../../src-main/contract/dispatch';
import type { CliContext } from '../../src-main/cli/cli-command';
import { COMMANDS } from '../../src-main/cli/main';
import { PassphraseReader } from '../../src-main/cli/passphrase-input';
import type { Printer } from '../../src-main/platform/printer';
import { rootSignIn, s3LogFile } from '../support/cloudtrail-fixtures';
import { custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, SEED_A, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

/**
 * Parts of StrongroomApp that are not desks: stores, ports and plain values, and the two feeds that only wake a
 * window (every write section moves the media feed on whoever asked; the progress board is read by the window).
 */
const NOT_DESKS = new Set(['catalog', 'clock', 'random', 'kdf', 'home', 'practiceMode', 'cutOffAtStart', 'mediaFeed', 'progress']);

/**
 * Desk methods that read how a caller should ask for input, not a job: the CLI asks how a role is opened (which
 * prompts to show), the window learns it from the key-scheme channel when its form opens. The custodian guard is
 * applied to every channel that needs one by the handler table, and by the CLI when it signs the custodian in.
 */
const INPUT_READING = new Set(['keys.scheme', 'keys.isFirstKey', 'session.requireCustodian', 'session.status']);

/** Wraps every method of every desk so that the desk methods a caller reaches first (not those one desk calls on another) are recorded. */
function spyOnDesks(app: StrongroomApp): { reached: Set<string>; reset: () => void } {
  const reached = new Set<string>();
  const inside = new AsyncLocalStorage<true>();
  for (const [name, desk] of Object.entries(app)) {
    if (NOT_DESKS.has(name) || desk === null || typeof desk !== 'object' || Object.getPrototypeOf(desk) === Object.prototype) continue;
    for (let proto = Object.getPrototypeOf(desk); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const method of Object.getOwnPropertyNames(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, method);
        if (method === 'constructor' || typeof descriptor?.value !== 'function' || Object.prototype.hasOwnProperty.call(desk, method)) continue;
        const original = descriptor.value as (...args: unknown[]) => unknown;
        Object.defineProperty(desk, method, {
          value: function (this: unknown, ...args: unknown[]) {
            if (inside.getStore()) return original.apply(this, args);
            reached.add(`${name}.${method}`);
            return inside.run(true, () => original.apply(this, args));
          },
        });
      }
    }
  }
  return { reached, reset: () => reached.clear() };
}

type Kiosk = Awaited<ReturnType<typeof custodyKiosk>>;

interface UseCase {
  readonly job: string;
  /** State both sides start from (run before the spies record). */
  readonly before?: (k: Kiosk) => Promise<unknown>;
  /** What the window asks, channel by channel, for this job. */
  readonly window: (call: (channel: ChannelName, request: unknown) => Promise<unknown>, k: Kiosk) => Promise<void>;
  /** The same job on the command line: its words, options, arguments and what is typed at its prompts. */
  readonly cli: (k: Kiosk) => { words: string[]; options?: Record<string, string | boolean | string[]>; args?: string[]; typed?: string[] };
  /**
   * Desk methods one side calls only to ask for its input or lay out its answer, never to do the job, each with why.
   * Anything else reached by one side and not the other fails the test.
   */
  readonly asking?: readonly { readonly side: 'window' | 'cli'; readonly method: string; readonly why: string }[];
  /** The same desk job reached by two methods that differ only in how the destination is named, each with why. */
  readonly addressing?: readonly { readonly window: string; readonly cli: string; readonly why: string }[];
}

async function throughWindow(k: Kiosk, useCase: UseCase): Promise<Set<string>> {
  const dispatch = createDispatcher(createHandlers(k.app), () => undefined);
  const spy = spyOnDesks(k.app);
  await useCase.window(async (channel, request) => {
    const result = (await dispatch(channel, request)) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
    return result.value;
  }, k);
  return new Set([...spy.reached].filter((m) => !INPUT_READING.has(m)));
}

async function throughCli(k: Kiosk, useCase: UseCase): Promise<Set<string>> {
  const { words, options = {}, args = [], typed = [] } = useCase.cli(k);
  const command = COMMANDS.find((c) => c.words.join(' ') === words.join(' '));
  if (!command) throw new Error(`no command ${words.join(' ')}`);
  const out: string[] = [];
  const context: CliContext = {
    app: k.app,
    io: { out: (line: string) => out.push(line), err: (line: string) => out.push(line) } as unknown as CliContext['io'],
    json: false,
    custodian: 'Dana Whitfield',
    passphrases: new PassphraseReader(Readable.from([`${typed.join('\n')}\n`]) as never, new PassThrough()),
    options: { ...Object.fromEntries(Object.entries(command.options ?? {}).map(([name, spec]) => [name, spec.default])), ...options },
    args,
    env: {},
  };
  const spy = spyOnDesks(k.app);
  await command.run(context);
  return new Set([...spy.reached].filter((m) => !INPUT_READING.has(m)));
}

const enrolled = (k: Kiosk) => enrolAndWrite(k.app);

/** Enrolled, with a password rotation of the first account written as pending. */
const rotating = async (k: Kiosk) => {
  await enrolled(k);
  await k.app.rotation.start({ accountId: '111111111111', what: 'password', reason: 'yearly rotation of the root password', vaultPassphrase: VAULT_PASSPHRASE });
};

/** The fixture's second seed stick (seed2) is its only seed stick kept off site; read from the catalog, which no spy watches. */
const offsiteSeedStickId = (k: Kiosk) => k.app.catalog.media.list().find((m) => m.role === 'seed' && m.location.kind === 'offsite')!.mediumId;

/** The id of the first token in the inventory, read from the catalog, which no spy watches. */
const firstTokenId = (k: Kiosk) => k.app.catalog.tokens.list()[0]!.tokenId;

/** A print system that takes every job, so the jobs that print run on both sides. */
const printer: Printer = { implementation: 'test', listPrinters: async () => [{ name: 'Laser', isDefault: true }], print: async (_pdf, name) => ({ printer: name, jobId: '1' }) };

const USE_CASES: readonly UseCase[] = [
  {
    job: 'list the accounts',
    window: async (call) => void (await call('listAccounts', {})),
    cli: () => ({ words: ['accounts', 'list'] }),
  },
  {
    job: 'suggest a master passphrase',
    window: async (call) => void (await call('suggestPassphrase', {})),
    cli: () => ({ words: ['passphrase', 'suggest'] }),
  },
  {
    job: 'rate a master passphrase',
    window: async (call) => void (await call('assessPassphrase', { passphrase: 'orbit lantern', role: 'vault' })),
    cli: () => ({ words: ['passphrase', 'check'], typed: ['orbit lantern'] }),
  },
  {
    job: 'enrol an account and write it to the sticks',
    window: async (call) => {
      const started = (await call('startEnrolment', { accountId: '111111111111' })) as { enrolmentId: string };
      await call('revealEnrolmentPassword', { enrolmentId: started.enrolmentId });
      await call('setEnrolmentSeed', { enrolmentId: started.enrolmentId, secret: SEED_A });
      await call('confirmEnrolment', { enrolmentId: started.enrolmentId });
      await call('writeEnrolments', { vaultPassphrase: VAULT_PASSPHRASE, vaultPassphraseAgain: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, seedPassphraseAgain: SEED_PASSPHRASE });
    },
    cli: () => ({ words: ['enrol'], options: { account: '111111111111' }, typed: [SEED_A, 'yes', VAULT_PASSPHRASE, SEED_PASSPHRASE] }),
  },
  {
    job: 'break glass: the root password and MFA code from a vault stick and a seed stick',
    before: enrolled,
    window: async (call, k) => {
      const view = (await call('openBreakGlass', {
        accountId: '111111111111',
        reason: 'root needed',
        vaultDevicePath: k.sticks.vault1,
        vaultPassphrase: VAULT_PASSPHRASE,
        vaultCustodian: 'Dana Whitfield',
        seedDevicePath: k.sticks.seed1,
        seedPassphrase: SEED_PASSPHRASE,
        seedCustodian: SECOND_CUSTODIAN,
      })) as { sessionId: string };
      await call('revealBreakGlassPassword', { sessionId: view.sessionId });
      await call('breakGlassCode', { sessionId: view.sessionId });
      await call('breakGlassPendingPassword', { sessionId: view.sessionId });
      await call('breakGlassPendingCode', { sessionId: view.sessionId });
      await call('closeBreakGlass', { sessionId: view.sessionId });
    },
    cli: (k) => ({
      words: ['breakglass'],
      options: { account: '111111111111', vault: k.sticks.vault1, seeds: k.sticks.seed1, reason: 'root needed', 'seed-custodian': SECOND_CUSTODIAN },
      typed: [VAULT_PASSPHRASE, SEED_PASSPHRASE],
    }),
    asking: [{ side: 'cli', method: 'custodians.requireTwo', why: 'the terminal refuses an unregistered second custodian before any passphrase is typed; openFor checks them again' }],
  },
  {
    job: 'verify a stick and finish the run with its report',
    before: enrolled,
    window: async (call, k) => {
      const run = (await call('startVerification', {})) as { runId: string };
      await call('verifyMedium', { runId: run.runId, devicePath: k.sticks.vault1, passphrase: VAULT_PASSPHRASE, physical: { sealSerial: null, bagIntact: 'not-checked', locationConfirmed: 'not-checked' } });
      await call('finishVerification', { runId: run.runId });
    },
    cli: (k) => ({ words: ['verify'], args: [k.sticks.vault1], typed: [VAULT_PASSPHRASE] }),
    asking: [
      { side: 'cli', method: 'media.findEach', why: 'the command reads every stick\'s role, in one reading of the drives, to know which passphrases to prompt for; the window asks for the passphrase on each stick\'s card' },
      { side: 'window', method: 'verification.activeRun', why: 'the Verify screen shows the run it started' },
    ],
  },
  {
    job: 'label a new stick',
    window: async (call, k) => void (await call('labelMedium', { devicePath: k.practice.insertStick('new-1'), role: 'vault', location: { kind: 'offsite', note: 'Bank box 12' } })),
    cli: (k) => ({ words: ['label'], args: [k.practice.insertStick('new-1')], options: { role: 'vault', location: 'offsite: Bank box 12' } }),
  },
  {
    job: 'list the inserted sticks',
    window: async (call) => void (await call('listMedia', {})),
    cli: () => ({ words: ['drives'] }),
  },
  {
    job: 'eject a stick',
    window: async (call, k) => void (await call('ejectMedium', { devicePath: k.sticks.seed2 })),
    cli: (k) => ({ words: ['eject'], args: [k.sticks.seed2] }),
  },
  {
    job: 'register a custodian',
    window: async (call) => void (await call('registerCustodian', { name: 'Ravi Chandran' })),
    cli: () => ({ words: ['custodians', 'add'], args: ['Ravi Chandran'], options: { custodian: 'Dana Whitfield' } }),
    asking: [{ side: 'window', method: 'custodians.list', why: 'the channel answers with the roster the screen shows next' }, { side: 'cli', method: 'session.isFresh', why: 'on a fresh kiosk the command registers the first custodian instead; the window has its own first-custodian screen' }, { side: 'cli', method: 'session.signIn', why: 'the command signs in the custodian it names for this run; the window is signed in already' }],
  },
  {
    job: 'replicate the newest generation to another stick',
    before: async (k) => {
      await enrolled(k);
      await k.app.media.label({ devicePath: k.practice.insertStick('vault-3'), role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    },
    window: async (call, k) => void (await call('replicateMedium', { fromDevicePath: k.sticks.vault1, toDevicePath: k.practice.insertStick('vault-3'), role: 'vault' })),
    cli: (k) => ({ words: ['replicate'], options: { from: k.sticks.vault1, to: k.practice.insertStick('vault-3') } }),
    asking: [{ side: 'cli', method: 'media.locate', why: 'the command reads the role from the stick named by --from; the window sends the role of the card it shows' }],
  },
  {
    job: 'wipe a stick',
    window: async (call, k) => void (await call('wipeMedium', { devicePath: k.sticks.seed2, confirmMediumId: offsiteSeedStickId(k) })),
    cli: (k) => ({ words: ['wipe'], args: [k.sticks.seed2], options: { confirm: offsiteSeedStickId(k) } }),
    asking: [
      { side: 'cli', method: 'media.locate', why: 'the command accepts a mount point as well as a device and resolves it first; the window sends the device of its card' },
      { side: 'window', method: 'media.card', why: 'the channel answers with the wiped stick\'s card for the Media screen' },
    ],
  },
  {
    job: 'start rotating a root password',
    before: enrolled,
    window: async (call) => void (await call('startRotation', { accountId: '111111111111', what: 'password', reason: 'yearly rotation of the root password', vaultPassphrase: VAULT_PASSPHRASE })),
    cli: () => ({ words: ['rotate', 'start'], options: { account: '111111111111', what: 'password', reason: 'yearly rotation of the root password' }, typed: [VAULT_PASSPHRASE] }),
  },
  {
    job: 'confirm a rotation AWS accepted',
    before: rotating,
    window: async (call) => void (await call('confirmRotation', { accountId: '111111111111', vaultPassphrase: VAULT_PASSPHRASE })),
    cli: () => ({ words: ['rotate', 'confirm'], options: { account: '111111111111' }, typed: [VAULT_PASSPHRASE] }),
    asking: [{ side: 'cli', method: 'rotation.openFor', why: 'the command reads what the rotation changes to know which passphrases to prompt for; the window shows the rotation from listRotations' }],
  },
  {
    job: 'cancel a rotation',
    before: rotating,
    window: async (call) => void (await call('cancelRotation', { accountId: '111111111111', vaultPassphrase: VAULT_PASSPHRASE })),
    cli: () => ({ words: ['rotate', 'cancel'], options: { account: '111111111111' }, typed: [VAULT_PASSPHRASE] }),
    asking: [{ side: 'cli', method: 'rotation.openFor', why: 'the command reads what the rotation changes to know which passphrases to prompt for; the window shows the rotation from listRotations' }],
  },
  {
    job: 'make the emergency sheet and save it',
    before: enrolled,
    window: async (call) => {
      const document = (await call('prepareEmergencySheet', { role: 'vault', paper: 'A4', passphrase: { kind: 'write-in' }, contacts: [] })) as { documentId: string };
      await call('saveDocumentToKiosk', { documentId: document.documentId });
    },
    cli: (k) => ({ words: ['print', 'emergency-sheet'], options: { role: 'vault', out: join(k.home, 'sheet.pdf') } }),
    addressing: [{ window: 'print.saveToKiosk', cli: 'print.saveToFile', why: 'the window saves in the kiosk\'s reports folder under a name the desk gives; the terminal names the file, and both go through the same output checks' }],
  },
  {
    job: 'make the medium labels and save them',
    window: async (call) => {
      const document = (await call('prepareMediumLabels', { paper: 'A4' })) as { documentId: string };
      await call('saveDocumentToKiosk', { documentId: document.documentId });
    },
    cli: (k) => ({ words: ['print', 'labels'], options: { out: join(k.home, 'labels.pdf') } }),
    addressing: [{ window: 'print.saveToKiosk', cli: 'print.saveToFile', why: 'the window saves in the kiosk\'s reports folder under a name the desk gives; the terminal names the file, and both go through the same output checks' }],
  },
  {
    job: 'print the paper seed backup',
    before: enrolled,
    window: async (call, k) => {
      const document = (await call('prepareSeedBackup', { devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, paper: 'A4', secondCustodian: SECOND_CUSTODIAN })) as { documentId: string };
      await call('printDocument', { documentId: document.documentId, printer: 'Laser' });
      await call('discardDocument', { documentId: document.documentId });
    },
    cli: (k) => ({ words: ['print', 'seed-backup'], options: { seeds: k.sticks.seed1, printer: 'Laser', 'second-custodian': SECOND_CUSTODIAN }, typed: [SEED_PASSPHRASE] }),
    asking: [{ side: 'cli', method: 'custodians.requireTwo', why: 'the terminal refuses an unregistered second custodian before the passphrase is typed; prepareSeedBackup checks them again' }],
  },
  {
    job: 'export the audit trail',
    window: async (call) => void (await call('exportAudit', { format: 'csv', destination: { kind: 'reports' }, paper: 'A4' })),
    cli: () => ({ words: ['audit', 'export'], options: { format: 'csv', to: 'reports' } }),
  },
  {
    job: 'reconcile CloudTrail logs and keep the report',
    before: async (k) => writeFileSync(join(k.practice.insertStick('logs'), 'trail.json'), s3LogFile([rootSignIn({ accountId: '111111111111', at: '2026-03-02T09:14:07Z' })])),
    window: async (call, k) => void (await call('reconcileCloudTrail', { devicePath: k.practice.insertStick('logs'), folder: '' })),
    cli: (k) => ({ words: ['cloudtrail', 'reconcile'], args: [join(k.practice.insertStick('logs'), 'trail.json')], options: { report: join(k.home, 'cloudtrail.pdf') } }),
    addressing: [{ window: 'cloudTrail.reconcileStick', cli: 'cloudTrail.reconcile', why: 'the window reads the logs on a stick it lists; the terminal names log files or folders, which reconcileStick resolves to as well' }],
  },
  {
    job: 'add an account by hand with the token registered on its root user',
    before: async (k) => k.app.tokens.add({ kind: 'fido', serial: '5512345', model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2' }),
    window: async (call, k) => void (await call('addAccount', { accountId: '333333333333', name: 'sandbox', rootEmail: 'aws+sandbox@example.com', tokenIds: [firstTokenId(k)] })),
    cli: (k) => ({ words: ['accounts', 'add'], options: { id: '333333333333', name: 'sandbox', email: 'aws+sandbox@example.com', tokens: firstTokenId(k) } }),
  },
  {
    job: 'list the custodians',
    window: async (call) => void (await call('listCustodians', {})),
    cli: () => ({ words: ['custodians', 'list'] }),
  },
  {
    job: 'add a hardware token',
    window: async (call) => void (await call('addToken', { kind: 'fido', serial: '5512345', model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2', accountIds: ['111111111111'] })),
    cli: () => ({ words: ['tokens', 'add'], options: { kind: 'fido', serial: '5512345', model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2', accounts: '111111111111' } }),
  },
  {
    job: 'list the hardware tokens',
    before: async (k) => k.app.tokens.add({ kind: 'fido', serial: '5512345', model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2', accountIds: ['111111111111'] }),
    window: async (call) => void (await call('listTokens', {})),
    cli: () => ({ words: ['tokens', 'list'] }),
    asking: [
      { side: 'window', method: 'tokenFeed.status', why: 'the Tokens screen says beside the inventory whether USB tokens can be read; the terminal has tokens detect for that' },
      { side: 'window', method: 'tokenFeed.refresh', why: 'the Tokens screen lists what is plugged in beside the inventory; the terminal has tokens detect for that' },
    ],
  },
  {
    job: 'report a token lost',
    before: async (k) => k.app.tokens.add({ kind: 'fido', serial: '5512345', model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2' }),
    window: async (call, k) => void (await call('reportTokenLost', { tokenId: firstTokenId(k), reason: 'not in the safe at the count' })),
    cli: (k) => ({ words: ['tokens', 'lost'], args: [firstTokenId(k)], options: { reason: 'not in the safe at the count' } }),
  },
  {
    job: 'report on root MFA and tokens',
    window: async (call) => void (await call('tokenReport', {})),
    cli: () => ({ words: ['tokens', 'report'] }),
  },
  {
    job: 'put a role under key cards',
    window: async (call) => {
      const drawn = (await call('drawKeyCards', { role: 'vault', threshold: 2, holders: ['Dana Whitfield', SECOND_CUSTODIAN], paper: 'A4' })) as { setId: string; cards: { number: number }[] };
      for (const card of drawn.cards) await call('printKeyCard', { setId: drawn.setId, number: card.number, printer: 'Laser' });
      await call('rekeyWithKeyCards', { setId: drawn.setId });
    },
    cli: () => ({ words: ['keycards', 'draw'], options: { role: 'vault', threshold: '2', holders: `Dana Whitfield,${SECOND_CUSTODIAN}`, printer: 'Laser' } }),
  },
];

/**
 * Jobs only one side offers, and why; the test checks each named channel or command still exists, so the list
 * cannot outlive what it describes.
 */
const ONE_SIDE_ONLY: readonly { readonly window?: ChannelName; readonly cli?: string; readonly why: string }[] = [
  { cli: 'due', why: 'the window has no due command: the custody bar and the Verify screen show due dates (verificationSchedule, custodyAlerts)' },
  { cli: 'code', why: 'the window shows an MFA code only inside break-glass, with the password; the code alone is a terminal job' },
  { window: 'waitForMediaChange', why: 'a window follows hotplug; a command runs once' },
  { window: 'copyBreakGlassPassword', why: 'the clipboard is the window\'s; the terminal prints the password' },
];

describe('the window and the CLI reach the same desk methods for the same job', () => {
  let cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
  });

  for (const useCase of USE_CASES) {
    it(useCase.job, async () => {
      const windowKiosk = await custodyKiosk({ printer });
      const cliKiosk = await custodyKiosk({ printer });
      cleanups.push(windowKiosk.cleanup, cliKiosk.cleanup);
      await useCase.before?.(windowKiosk);
      await useCase.before?.(cliKiosk);
      const byWindow = await throughWindow(windowKiosk, useCase);
      const byCli = await throughCli(cliKiosk, useCase);
      expect(byWindow.size).toBeGreaterThan(0);
      expect(byCli.size).toBeGreaterThan(0);
      const asked = (side: 'window' | 'cli') => new Set((useCase.asking ?? []).filter((a) => a.side === side).map((a) => a.method));
      // An asking entry that no longer happens is stale: it must go, or it would hide a bypass later.
      for (const method of asked('window')) expect(byWindow.has(method), `window still reaches ${method}`).toBe(true);
      for (const method of asked('cli')) expect(byCli.has(method), `CLI still reaches ${method}`).toBe(true);
      for (const pair of useCase.addressing ?? []) {
        expect(byWindow.has(pair.window), `window still reaches ${pair.window}`).toBe(true);
        expect(byCli.has(pair.cli), `CLI still reaches ${pair.cli}`).toBe(true);
      }
      // A method reached by the CLI for the same job as its window counterpart is counted as that counterpart.
      const asWindow = new Map((useCase.addressing ?? []).map((pair) => [pair.cli, pair.window]));
      const job = (reached: Set<string>, side: 'window' | 'cli') =>
        [...reached].filter((m) => !asked(side).has(m)).map((m) => (side === 'cli' ? (asWindow.get(m) ?? m) : m)).sort();
      expect(job(byCli, 'cli')).toEqual(job(byWindow, 'window'));
    });
  }
});

describe('jobs only one side offers are named, with the reason', () => {
  it('lists only channels and commands that exist', () => {
    for (const entry of ONE_SIDE_ONLY) {
      if (entry.cli) expect(COMMANDS.some((c) => c.words.join(' ') === entry.cli), entry.cli).toBe(true);
      if (entry.window) expect(channelNames, entry.window).toContain(entry.window);
      expect(entry.why.length).toBeGreaterThan(20);
    }
  });
});
