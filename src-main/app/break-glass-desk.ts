import { randomUUID } from 'node:crypto';
import type { ProtectedValue } from 'kdbxweb';
import { openSeedFile, type OpenedSeeds } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { AWS_ROOT_SIGN_IN_URL, openVaultFile } from '../artefacts/vault-file';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { Seed } from '../core/seed';
import { twoConsecutiveCodes, type ConsecutiveCodes } from '../core/totp';
import type { Catalog } from '../catalog/catalog';
import type { Clipboard } from '../platform/clipboard';
import type { Clock } from '../platform/clock';
import type { BreakGlassOpenView } from '../contract/custody-views';
import type { BreakGlassMfaPlan } from '../core/break-glass-mfa';
import type { AirGapGuard } from './air-gap-guard';
import type { CredentialExposures } from './credential-exposures';
import type { CustodianRoster } from './custodian-roster';
import type { CustodyIncidents } from './custody-incidents';
import type { MasterKeyInput, MasterKeys } from './master-keys';
import type { ProgressBoard } from './progress-board';
import type { KioskSession } from './kiosk-session';
import type { MediaDesk } from './media-desk';
import type { ArtefactRead, StickArtefacts } from './stick-artefacts';
import { BreakGlassSticks, naming } from './break-glass-sticks';
import { BreakGlassTokens } from './break-glass-tokens';
import type { TokenDesk } from './token-desk';

export const BREAK_GLASS_IDLE_MS = 5 * 60_000;
export const CLIPBOARD_CLEAR_MS = 30_000;

export interface BreakGlassRequest {
  readonly accountId: string;
  readonly reason: string;
  readonly vaultDevicePath: string;
  /** Each half's master passphrase, or the key cards of its holders. */
  readonly vaultPassphrase: MasterKeyInput;
  /**
   * The seed half, given whole or not at all: left out when root's MFA is a hardware token taken from the safe
   * (a token-only account, or one with both whose token is in the safe).
   */
  readonly seedDevicePath?: string;
  readonly seedPassphrase?: MasterKeyInput;
  /**
   * Who opens it: two different registered custodians, one of them signed in (two-person control). The second is
   * needed for a token account too: the token and the password are then the two halves.
   */
  readonly vaultCustodian: string;
  readonly seedCustodian: string;
  /** A token of the account to take out of the safe; by default the first in the safe when no seed stick is used. */
  readonly tokenId?: string;
}

/** What two-person control needs besides the sticks: who may act, where incidents and exposures go, the keys. */
export interface BreakGlassControls {
  readonly roster: CustodianRoster;
  readonly incidents: CustodyIncidents;
  readonly exposures: CredentialExposures;
  readonly keys: MasterKeys;
}

/** What the break-glass screen shows: never the password or the seed, which need their own audited calls. */
export type BreakGlassView = BreakGlassOpenView;

interface OpenBreakGlass {
  readonly view: BreakGlassView;
  readonly password: ProtectedValue;
  /** null when the seed store was not opened (a token from the safe is the MFA device). */
  readonly seed: Seed | null;
  readonly reason: string;
  /** A rotation in progress: the new credential written beside the current one. */
  readonly pendingPassword: ProtectedValue | null;
  readonly pendingSeed: Seed | null;
  readonly openedAt: number;
  /** The two custodians (a token taken later is checked out to them) and the sticks, for the "revealed to A and B" flag. */
  readonly custodians: readonly [string, string];
  readonly media: readonly string[];
  passwordShown: boolean;
}

/**
 * "I need to log in as root": both halves are opened together, from two sticks and two passphrases, for one
 * account, with a reason on record. The password and seed stay in memory only while the screen is open; closing
 * it, the kiosk locking, or five quiet minutes wipe them.
 */
export class BreakGlassDesk {
  private readonly open = new Map<string, OpenBreakGlass>();
  private clipboardTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly tokenPath: BreakGlassTokens;
  private readonly halves: BreakGlassSticks;

  constructor(
    catalog: Catalog,
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly clock: Clock,
    private readonly clipboard: Clipboard | null,
    private readonly airGap: AirGapGuard,
    private readonly progress: ProgressBoard,
    sticks: StickArtefacts,
    private readonly controls: BreakGlassControls,
    tokens: TokenDesk,
  ) {
    this.tokenPath = new BreakGlassTokens(catalog, tokens);
    this.halves = new BreakGlassSticks(catalog, media, sticks, controls.incidents);
    session.onEnd(() => this.closeAll('the kiosk was locked or the custodian signed out'));
  }

  async openFor(request: BreakGlassRequest): Promise<BreakGlassView> {
    this.session.requireCustodian();
    this.airGap.requireIsolation('break-glass');
    const reason = request.reason.trim();
    if (reason.length < 10) {
      throw new StrongroomError(ErrorCode.ReasonTooShort, 'Say why root access is needed (at least a short sentence); it goes on the audit trail.');
    }
    const used: Record<string, string> = {};
    try {
      const { first: vaultCustodian, second: seedCustodian } = this.controls.roster.requireTwo('Break-glass', request.vaultCustodian, request.seedCustodian);
      Object.assign(used, { vaultCustodian, seedCustodian });
      const mfa = this.tokenPath.plan(request.accountId, seedHalfOf(request) !== null, request.tokenId ?? null);
      const job = mfa.useSeed ? 'Opening the vault and the seed store' : 'Opening the vault';
      return await this.progress.run(job, 3, () => this.openBoth(request, reason, [vaultCustodian, seedCustodian], used, mfa));
    } catch (error) {
      // Every failed attempt is on the trail, whatever stopped it: wrong stick, wrong passphrase, missing account.
      const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
      this.session.record({
        action: 'breakglass.failed',
        subject: request.accountId,
        details: { reason, vaultCustodian: request.vaultCustodian, seedCustodian: request.seedCustodian, ...used, error: code },
      });
      throw error;
    }
  }

  private async openBoth(
    request: BreakGlassRequest,
    reason: string,
    custodians: readonly [string, string],
    used: Record<string, string>,
    mfa: BreakGlassMfaPlan,
  ): Promise<BreakGlassView> {
    const [vaultCustodian, seedCustodian] = custodians;
    const warnings: string[] = [...mfa.warnings];
    const seedHalf = mfa.useSeed ? seedHalfOf(request) : null;
    this.progress.announce('Reading the vault stick');
    const { vault: vaultStick, seed: seedStick } = seedHalf
      ? await this.halves.both(request.vaultDevicePath, seedHalf.devicePath, warnings)
      : { vault: await this.halves.candidates(request.vaultDevicePath, 'vault', warnings), seed: null };
    Object.assign(used, { vaultMedium: vaultStick.mediumId, ...(seedStick ? { seedMedium: seedStick.mediumId } : {}) });
    const oneStick = seedStick ? this.halves.oneStickIncident(request.accountId, vaultStick, seedStick) : null;
    if (oneStick) warnings.push(oneStick);
    this.progress.step(seedHalf && seedStick ? 'Opening the vault and the seed store with their passphrases' : 'Opening the vault with its passphrase');
    const vaultKey = await this.controls.keys.resolve('vault', request.vaultPassphrase, 'open');
    const seedKey = seedHalf && seedStick ? await this.controls.keys.resolve('seed', seedHalf.passphrase, 'open') : null;
    // The two key derivations are independent, so they run side by side rather than one after the other. Each
    // half keeps its own warnings, and the vault's failure is the one reported first, as when they ran in turn.
    const vaultWarnings: string[] = [];
    const seedWarnings: string[] = [];
    const [vaultOpening, seedOpening] = await Promise.allSettled([
      naming('vault', this.halves.openFirst(vaultStick.candidates, (bytes) => openVaultFile(bytes, protect(vaultKey.text)), vaultWarnings)),
      seedKey && seedStick ? naming('seed', this.halves.openFirst(seedStick.candidates, (bytes) => openSeedFile(bytes, protect(seedKey.text)), seedWarnings)) : null,
    ]);
    if (vaultOpening.status === 'rejected') throw vaultOpening.reason;
    if (seedOpening.status === 'rejected') throw seedOpening.reason;
    const vault = vaultOpening.value;
    const seeds: { opened: OpenedSeeds; read: ArtefactRead } | null = seedOpening.value;
    warnings.push(...vaultWarnings, ...seedWarnings);
    this.progress.step('Finding the account');
    const entry = vault.opened.entries.find((e) => e.accountId === request.accountId);
    const seedEntry = seeds ? seeds.opened.entries.find((e) => e.accountId === request.accountId) : null;
    const seedMissing = seeds !== null && !seedEntry;
    const retired = vault.opened.retired.find((e) => e.accountId === request.accountId) ?? seeds?.opened.retired.find((e) => e.accountId === request.accountId);
    if (retired && (!entry || seedMissing)) {
      throw new StrongroomError(
        ErrorCode.AccountRetired,
        `Account ${request.accountId} is ${retired.retired?.state ?? 'retired'} (since ${retired.retired?.since.slice(0, 10) || 'an earlier write'}): its credentials are kept in the retired history and are not served by break-glass.`,
        { accountId: request.accountId },
      );
    }
    if (!entry || seedMissing) {
      const missing = [!entry ? `the vault (generation ${vault.opened.generation})` : null, seedMissing ? `the seed store (generation ${seeds?.opened.generation})` : null].filter(Boolean);
      throw new StrongroomError(
        ErrorCode.AccountNotInArtefact,
        `Account ${request.accountId} is not in ${missing.join(' or ')}. Check the account id, or use a newer replica.`,
        { accountId: request.accountId },
      );
    }
    this.airGap.recheck('break-glass', seedEntry ? 'showing the password and the code' : 'showing the password');
    const pendingPassword = entry.pending?.value ?? null;
    const pendingSeed = seedEntry?.pending?.value ?? null;
    const pendingSince = entry.pending?.since ?? seedEntry?.pending?.since ?? '';
    const sessionId = randomUUID();
    if (mfa.take) this.tokenPath.take(mfa.take, { custodians, accountName: entry.name, reason, sessionId });
    const view: BreakGlassView = {
      sessionId,
      accountId: entry.accountId,
      accountName: entry.name,
      rootEmail: entry.rootEmail,
      signInUrl: AWS_ROOT_SIGN_IN_URL,
      vaultGeneration: vault.opened.generation,
      seedGeneration: seeds?.opened.generation ?? null,
      hasCode: seedEntry !== null,
      tokens: this.tokenPath.views(entry.accountId, sessionId),
      warnings,
      closesAfterIdleMs: BREAK_GLASS_IDLE_MS,
      rotation:
        pendingPassword || pendingSeed
          ? {
              password: pendingPassword !== null,
              seed: pendingSeed !== null,
              since: pendingSince,
              reason: entry.pending?.reason ?? seedEntry?.pending?.reason ?? '',
              advice: `A rotation started ${pendingSince.slice(0, 10)} is not confirmed yet. Try the NEW ${[pendingPassword ? 'password' : null, pendingSeed ? 'MFA code' : null].filter(Boolean).join(' and ')} first: it was written to be set on AWS. If AWS refuses it, use the current one, which stays valid until the rotation is confirmed.`,
            }
          : null,
    };
    this.open.set(view.sessionId, {
      view,
      password: entry.password,
      seed: seedEntry?.seed ?? null,
      reason,
      pendingPassword,
      pendingSeed,
      openedAt: this.clock.now().getTime(),
      custodians,
      media: seedStick ? [vaultStick.mediumId, seedStick.mediumId] : [vaultStick.mediumId],
      passwordShown: false,
    });
    this.session.record({
      action: 'breakglass.opened',
      subject: entry.accountId,
      details: {
        reason,
        vaultCustodian,
        seedCustodian,
        vaultMedium: vaultStick.mediumId,
        ...(seedStick ? { seedMedium: seedStick.mediumId } : {}),
        ...(seeds ? { seedGeneration: seeds.opened.generation } : {}),
        ...(vaultKey.via === 'cards' ? { vaultCards: vaultKey.holders.join(', ') } : {}),
        ...(seedKey?.via === 'cards' ? { seedCards: seedKey.holders.join(', ') } : {}),
        ...(oneStick ? { oneStick: true } : {}),
        vaultGeneration: vault.opened.generation,
        ...(mfa.take ? { tokenTaken: mfa.take.tokenId } : {}),
        warnings: warnings.length,
        ...(vault.read.state !== 'current' || (seeds && seeds.read.state !== 'current') ? { olderGenerationUsed: true } : {}),
        ...(view.rotation ? { rotationPending: true } : {}),
      },
    });
    // The sticks read witness the opening; one that cannot take it is named, and the break-glass goes on.
    warnings.push(...(await this.media.witnessOn(seedStick ? [vaultStick.medium, seedStick.medium] : [vaultStick.medium], 'break-glass')));
    return view;
  }

  code(sessionId: string): ConsecutiveCodes {
    const open = this.get(sessionId);
    if (!open.seed) {
      throw new StrongroomError(ErrorCode.MfaCodeUnavailable, `This break-glass of ${open.view.accountName} was opened without the seed stick, so it has no MFA code: sign in with the token taken from the safe.`);
    }
    return twoConsecutiveCodes(open.seed, this.clock.now());
  }

  /**
   * "Offer both": takes one more of the account's tokens out of the safe while the break-glass is open, checked
   * out to the custodians who opened it, for its reason.
   */
  takeToken(sessionId: string, tokenId: string): BreakGlassView {
    const open = this.get(sessionId);
    const plan = this.tokenPath.plan(open.view.accountId, open.seed !== null, tokenId);
    if (plan.take) this.tokenPath.take(plan.take, { custodians: open.custodians, accountName: open.view.accountName, reason: open.reason, sessionId });
    const view = { ...open.view, tokens: this.tokenPath.views(open.view.accountId, sessionId) };
    this.open.set(sessionId, { ...open, view });
    return view;
  }

  /** During a pending seed rotation: the codes of the new MFA device, to try first. */
  pendingCode(sessionId: string): ConsecutiveCodes | null {
    const open = this.get(sessionId);
    return open.pendingSeed ? twoConsecutiveCodes(open.pendingSeed, this.clock.now()) : null;
  }

  revealPassword(sessionId: string): string {
    const open = this.get(sessionId);
    this.session.record({ action: 'breakglass.password-revealed', subject: open.view.accountId, details: {} });
    this.passwordShown(open);
    return open.password.getText();
  }

  /** During a pending password rotation: the new password, to try first. */
  revealPendingPassword(sessionId: string): string | null {
    const open = this.get(sessionId);
    if (!open.pendingPassword) return null;
    this.session.record({ action: 'breakglass.pending-password-revealed', subject: open.view.accountId, details: {} });
    this.passwordShown(open);
    return open.pendingPassword.getText();
  }

  /** Puts the password on the clipboard and clears it after 30 seconds, unless something else was copied since. */
  copyPassword(sessionId: string): { clearsAfterMs: number } {
    const open = this.get(sessionId);
    if (!this.clipboard) {
      throw new StrongroomError(ErrorCode.ClipboardUnavailable, 'This Strongroom has no clipboard to use. Reveal the password and type it instead.');
    }
    const text = open.password.getText();
    this.clipboard.writeText(text);
    if (this.clipboardTimer) clearTimeout(this.clipboardTimer);
    const clipboard = this.clipboard;
    this.clipboardTimer = setTimeout(() => {
      void Promise.resolve(clipboard.readText()).then((current) => {
        if (current === text) clipboard.clear();
      });
      this.clipboardTimer = null;
    }, CLIPBOARD_CLEAR_MS);
    this.clipboardTimer.unref?.();
    this.session.record({ action: 'breakglass.password-copied', subject: open.view.accountId, details: { clearsAfterSeconds: CLIPBOARD_CLEAR_MS / 1000 } });
    this.passwordShown(open);
    return { clearsAfterMs: CLIPBOARD_CLEAR_MS };
  }

  close(sessionId: string): void {
    const open = this.open.get(sessionId);
    if (!open) return;
    this.open.delete(sessionId);
    this.session.record({ action: 'breakglass.closed', subject: open.view.accountId, details: { how: 'closed by custodian' } });
  }

  get openCount(): number {
    return this.open.size;
  }

  private closeAll(why: string): void {
    for (const open of this.open.values()) {
      // The custodian has already left; the kiosk itself records the wipe (and marks it practice when it is).
      this.session.recordAs('Strongroom', { action: 'breakglass.closed', subject: open.view.accountId, details: { how: why } });
    }
    this.open.clear();
    if (this.clipboard && this.clipboardTimer) {
      this.clipboard.clear();
      clearTimeout(this.clipboardTimer);
      this.clipboardTimer = null;
    }
  }

  private get(sessionId: string): OpenBreakGlass {
    this.session.requireCustodian();
    const open = this.open.get(sessionId);
    const now = this.clock.now().getTime();
    // Idle means no input at the kiosk, not no requests: the code on screen is refreshed every second.
    const idleFor = open ? Math.min(now - open.openedAt, this.session.millisSinceActivity()) : 0;
    if (open && idleFor >= BREAK_GLASS_IDLE_MS) {
      this.open.delete(sessionId);
      this.session.record({ action: 'breakglass.closed', subject: open.view.accountId, details: { how: 'five minutes without input' } });
    }
    const still = this.open.get(sessionId);
    if (!still) {
      throw new StrongroomError(ErrorCode.BreakGlassClosed, 'The break-glass screen was closed and its secrets wiped. Open it again with both sticks and passphrases.');
    }
    return still;
  }

  /** The first time a password of this session is shown (revealed or copied), it is flagged to rotate after use. */
  private passwordShown(open: OpenBreakGlass): void {
    if (open.passwordShown) return;
    open.passwordShown = true;
    this.controls.exposures.passwordShown(open.view.accountId, open.custodians, open.media);
  }

}

/** The seed half of a request, or null when it names none; half a seed half is a request to fix, not to guess. */
function seedHalfOf(request: BreakGlassRequest): { devicePath: string; passphrase: MasterKeyInput } | null {
  const given = [request.seedDevicePath, request.seedPassphrase].filter((v) => v !== undefined && v !== '');
  if (given.length === 0) return null;
  if (!request.seedDevicePath || request.seedPassphrase === undefined || request.seedPassphrase === '') {
    throw new StrongroomError(ErrorCode.SeedHalfIncomplete, 'The seed half needs its stick and its passphrase, or neither when a token from the safe is used instead.');
  }
  return { devicePath: request.seedDevicePath, passphrase: request.seedPassphrase };
}
