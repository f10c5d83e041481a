import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProtectedValue } from 'kdbxweb';
import { openSeedFile } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { AWS_ROOT_SIGN_IN_URL, openVaultFile } from '../artefacts/vault-file';
import { normaliseCustodianName } from '../core/custodian';
import { ErrorCode, StrongroomError } from '../core/errors';
import { MEDIUM_DIR, ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import type { Seed } from '../core/seed';
import { twoConsecutiveCodes, type ConsecutiveCodes } from '../core/totp';
import type { Catalog } from '../catalog/catalog';
import { PREVIOUS_SUFFIX, sha256Hex } from '../platform/atomic-file-writer';
import type { Clipboard } from '../platform/clipboard';
import type { Clock } from '../platform/clock';
import type { BreakGlassOpenView } from '../contract/custody-views';
import type { AirGapGuard } from './air-gap-guard';
import type { ProgressBoard } from './progress-board';
import type { KioskSession } from './kiosk-session';
import type { MediaDesk } from './media-desk';

export const BREAK_GLASS_IDLE_MS = 5 * 60_000;
export const CLIPBOARD_CLEAR_MS = 30_000;

export interface BreakGlassRequest {
  readonly accountId: string;
  readonly reason: string;
  readonly vaultDevicePath: string;
  readonly seedDevicePath: string;
  readonly vaultPassphrase: string;
  readonly seedPassphrase: string;
  /** Who typed each passphrase; typically two different custodians (dual control). */
  readonly vaultCustodian: string;
  readonly seedCustodian: string;
}

/** What the break-glass screen shows: never the password or the seed, which need their own audited calls. */
export type BreakGlassView = BreakGlassOpenView;

interface OpenBreakGlass {
  readonly view: BreakGlassView;
  readonly password: ProtectedValue;
  readonly seed: Seed;
  readonly openedAt: number;
}

/**
 * "I need to log in as root": both halves are opened together, from two sticks and two passphrases, for one
 * account, with a reason on record. The password and seed stay in memory only while the screen is open; closing
 * it, the kiosk locking, or five quiet minutes wipe them.
 */
export class BreakGlassDesk {
  private readonly open = new Map<string, OpenBreakGlass>();
  private clipboardTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly clock: Clock,
    private readonly clipboard: Clipboard | null,
    private readonly airGap: AirGapGuard,
    private readonly progress: ProgressBoard,
  ) {
    session.onEnd(() => this.closeAll('the kiosk was locked or the custodian signed out'));
  }

  async openFor(request: BreakGlassRequest): Promise<BreakGlassView> {
    this.session.requireCustodian();
    this.airGap.requireIsolation('break-glass');
    const reason = request.reason.trim();
    if (reason.length < 10) {
      throw new StrongroomError(ErrorCode.ReasonTooShort, 'Say why root access is needed (at least a short sentence); it goes on the audit trail.');
    }
    const vaultCustodian = normaliseCustodianName(request.vaultCustodian);
    const seedCustodian = normaliseCustodianName(request.seedCustodian);
    try {
      return await this.progress.run('Opening the vault and the seed store', 4, () => this.openBoth(request, reason, vaultCustodian, seedCustodian));
    } catch (error) {
      // Every failed attempt is on the trail, whatever stopped it: wrong stick, wrong passphrase, missing account.
      const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
      this.session.record({ action: 'breakglass.failed', subject: request.accountId, details: { reason, vaultCustodian, seedCustodian, error: code } });
      throw error;
    }
  }

  private async openBoth(request: BreakGlassRequest, reason: string, vaultCustodian: string, seedCustodian: string): Promise<BreakGlassView> {
    const warnings: string[] = [];
    this.progress.announce('Reading the vault stick');
    const vaultBytes = await this.readArtefact(request.vaultDevicePath, 'vault', warnings);
    const seedBytes = await this.readArtefact(request.seedDevicePath, 'seed', warnings);
    this.progress.step('Opening the vault with its passphrase');
    const vault = await openVaultFile(vaultBytes, protect(request.vaultPassphrase));
    this.progress.step('Opening the seed store with its passphrase');
    const seeds = await openSeedFile(seedBytes, protect(request.seedPassphrase));
    this.progress.step('Finding the account');
    const entry = vault.entries.find((e) => e.accountId === request.accountId);
    const seedEntry = seeds.entries.find((e) => e.accountId === request.accountId);
    if (!entry || !seedEntry) {
      const missing = [!entry ? `the vault (generation ${vault.generation})` : null, !seedEntry ? `the seed store (generation ${seeds.generation})` : null].filter(Boolean);
      throw new StrongroomError(
        ErrorCode.AccountNotInArtefact,
        `Account ${request.accountId} is not in ${missing.join(' or ')}. Check the account id, or use a newer replica.`,
        { accountId: request.accountId },
      );
    }
    this.airGap.recheck('break-glass', 'showing the password and the code');
    const view: BreakGlassView = {
      sessionId: randomUUID(),
      accountId: entry.accountId,
      accountName: entry.name,
      rootEmail: entry.rootEmail,
      signInUrl: AWS_ROOT_SIGN_IN_URL,
      vaultGeneration: vault.generation,
      seedGeneration: seeds.generation,
      warnings,
      closesAfterIdleMs: BREAK_GLASS_IDLE_MS,
    };
    this.open.set(view.sessionId, { view, password: entry.password, seed: seedEntry.seed, openedAt: this.clock.now().getTime() });
    this.session.record({
      action: 'breakglass.opened',
      subject: entry.accountId,
      details: { reason, vaultCustodian, seedCustodian, vaultGeneration: vault.generation, seedGeneration: seeds.generation, warnings: warnings.length },
    });
    return view;
  }

  code(sessionId: string): ConsecutiveCodes {
    return twoConsecutiveCodes(this.get(sessionId).seed, this.clock.now());
  }

  revealPassword(sessionId: string): string {
    const open = this.get(sessionId);
    this.session.record({ action: 'breakglass.password-revealed', subject: open.view.accountId, details: {} });
    return open.password.getText();
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

  /** The artefact file from a stick, checked against the catalog's hash when this kiosk wrote it. */
  private async readArtefact(devicePath: string, role: MediumRole, warnings: string[]): Promise<Uint8Array> {
    const medium = await this.media.find(devicePath);
    const artefact = ROLE_ARTEFACT[role];
    if (medium.manifest && medium.manifest.role !== role) {
      throw new StrongroomError(
        ErrorCode.KdbxWrongRole,
        `The stick given for the ${role === 'vault' ? 'vault' : 'seeds'} is ${medium.manifest.role} medium ${medium.manifest.mediumId}. Insert a ${role} stick.`,
      );
    }
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, 'The stick has no mounted partition to read. Reinsert it.');
    let bytes: Uint8Array;
    const path = join(medium.home.mountpoint, MEDIUM_DIR, artefact);
    try {
      bytes = await readFile(path);
    } catch (error) {
      // A write interrupted at the worst moment can leave only the previous generation, kept as .prev: in an
      // emergency that is far better than nothing, and the custodian is told which generation it is.
      try {
        bytes = await readFile(path + PREVIOUS_SUFFIX);
        warnings.push(`${artefact} is missing on this stick; its previous generation (${artefact}${PREVIOUS_SUFFIX}) was used. Rewrite this stick afterwards.`);
        return bytes;
      } catch {
        throw new StrongroomError(
          ErrorCode.MediumNotLabelled,
          `There is no ${artefact} on this stick (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}). Insert a ${role} stick that holds one.`,
        );
      }
    }
    const id = medium.manifest?.mediumId;
    const last = id ? this.catalog.media.lastWrite(id, artefact) : undefined;
    if (!last) warnings.push(`${id ?? 'This stick'} is not in this kiosk's catalog: its ${artefact} could not be compared with a recorded write.`);
    else if (last.sha256 !== sha256Hex(bytes)) {
      warnings.push(`${artefact} on ${id} differs from what this kiosk last wrote there (generation ${last.generation}); verify this stick afterwards.`);
    }
    return bytes;
  }
}
