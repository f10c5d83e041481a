import type { AuditDetails, AuditEntry, AuditEvent } from '../core/audit-chain';
import { normaliseCustodianName } from '../core/custodian';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { Catalog } from '../catalog/catalog';
import type { Clock } from '../platform/clock';
import type { SessionStatus } from '../contract/views';

/** Something in progress that lives only in memory and would be lost by signing out. */
export interface PendingWorkItem {
  readonly kind: 'enrolment' | 'rotation';
  readonly accountId: string;
  readonly sentence: string;
}

/** How a custodian's session ended: 'handed-over' when someone else signed in without the first signing out. */
export type SessionEnd = 'signed-out' | 'locked-idle' | 'handed-over';

export interface SessionOptions {
  /** Practice mode (simulated media): marked on every audit event so a drill never passes for real custody. */
  readonly practiceMode: boolean;
}

/**
 * Who is at the kiosk. Exactly one custodian is signed in at a time; every custody action is attributed to
 * them. After the configured idle time the session locks itself, so a custodian who walks away from the safe
 * does not leave the next person acting under their name.
 */
export class KioskSession {
  private custodian: string | null = null;
  private lastActivity = 0;
  private lockedForIdle = false;
  private readonly auditStamps: ((action: string) => AuditDetails)[] = [];
  private readonly endListeners = new Set<(how: SessionEnd, custodian: string) => void>();
  private readonly pendingWorkProviders = new Set<(custodian: string) => PendingWorkItem[]>();
  /** The custodian whose work is held in memory after a lock or a hand-over, for them to resume. */
  private heldFor: string | null = null;

  constructor(
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    private readonly options: SessionOptions,
  ) {}

  status(): SessionStatus {
    this.lockIfIdle();
    const held = this.heldFor && this.heldFor !== this.custodian ? this.pendingWorkOf(this.heldFor) : [];
    return {
      custodian: this.custodian,
      lockedForIdle: this.lockedForIdle,
      idleLockMinutes: this.catalog.settings.read().idleLockMinutes,
      practiceMode: this.options.practiceMode,
      heldWork: held.length > 0 && this.heldFor ? { custodian: this.heldFor, items: held.length } : null,
    };
  }

  /** Desks holding work in memory (enrolments, rotations) report it here, so sign-out can ask first. */
  registerPendingWork(provider: (custodian: string) => PendingWorkItem[]): void {
    this.pendingWorkProviders.add(provider);
  }

  /** The signed-in custodian's work that signing out would lose. */
  pendingWork(): PendingWorkItem[] {
    return this.custodian ? this.pendingWorkOf(this.custodian) : [];
  }

  signIn(rawName: string, context: { via: 'kiosk' | 'cli' } = { via: 'kiosk' }): SessionStatus {
    const name = normaliseCustodianName(rawName);
    // A custodian coming back after the idle time is a new session: the lock (and every wipe hung on it) happens first.
    this.lockIfIdle();
    const at = this.nowIso();
    const known = this.catalog.custodians.find(name);
    if (!known) throw this.notRegistered(name);
    if (this.custodian && this.custodian !== known.name) this.end('custodian.signed-out', { reason: 'another custodian signed in' }, 'handed-over');
    this.catalog.custodians.markSeen(known.name, at);
    this.custodian = known.name;
    this.lockedForIdle = false;
    this.lastActivity = this.clock.now().getTime();
    this.record({ action: 'custodian.signed-in', subject: known.name, details: { via: context.via } });
    return this.status();
  }

  /**
   * A kiosk that has never had a custodian and has recorded nothing. Only then may someone register themself;
   * once anything is on the audit trail, a name is registered by a custodian already registered.
   */
  isFresh(): boolean {
    return this.catalog.custodians.count() === 0 && this.catalog.audit.head() === undefined;
  }

  private notRegistered(name: string): StrongroomError {
    return this.isFresh()
      ? new StrongroomError(
          ErrorCode.CustodianNotRegistered,
          `No custodian is registered on this kiosk yet. The first custodian registers themself: on the sign-in screen, or with strongroom custodians add "${name}" --custodian "${name}".`,
          { custodian: name, freshKiosk: true },
        )
      : new StrongroomError(
          ErrorCode.CustodianNotRegistered,
          `"${name}" is not a registered custodian of this kiosk. A registered custodian adds you first (strongroom custodians add "${name}" --custodian "Their Name").`,
          { custodian: name },
        );
  }

  /**
   * Ends the session. Work held in memory (an enrolment whose password may already be set on AWS) is lost by
   * signing out, so it is refused unless the custodian has seen the list and confirmed.
   */
  signOut(options: { readonly discardPendingWork?: boolean } = {}): SessionStatus {
    const custodian = this.requireCustodian();
    const pending = this.pendingWork();
    if (pending.length > 0 && !options.discardPendingWork) {
      throw new StrongroomError(
        ErrorCode.PendingWorkWouldBeLost,
        `Signing out forgets what is in progress: ${pending.map((p) => p.sentence).join(' ')} Finish it first, or confirm that you want to sign out and lose it.`,
        { items: pending.length },
      );
    }
    if (pending.length > 0) {
      this.record({ action: 'custodian.pending-work-discarded', subject: custodian, details: { items: pending.length, accounts: pending.map((p) => p.accountId).join(', ') } });
    }
    this.end('custodian.signed-out', { reason: 'signed out' });
    return this.status();
  }

  /** Keyboard or mouse input in the window keeps the session open. */
  touch(): SessionStatus {
    this.lockIfIdle();
    if (this.custodian) this.lastActivity = this.clock.now().getTime();
    return this.status();
  }

  setIdleLockMinutes(minutes: number): SessionStatus {
    this.requireCustodian();
    const before = this.catalog.settings.read().idleLockMinutes;
    this.catalog.settings.write('idleLockMinutes', minutes);
    this.record({ action: 'settings.idle-lock-changed', subject: 'kiosk', details: { from: before, to: minutes } });
    return this.status();
  }

  /**
   * The signed-in custodian, or a clear refusal. Deliberately not counted as activity: the screens poll (codes,
   * progress, inserted sticks), and a poll must never keep an abandoned kiosk unlocked. Only input (touch) does.
   */
  requireCustodian(): string {
    this.lockIfIdle();
    if (!this.custodian) {
      throw this.lockedForIdle
        ? new StrongroomError(ErrorCode.SessionLocked, 'The kiosk locked itself after a quiet spell. Say who you are to carry on.')
        : new StrongroomError(ErrorCode.NotSignedIn, 'Say who is at the kiosk before doing anything else.');
    }
    return this.custodian;
  }

  /** Milliseconds since the last keyboard or mouse input (or sign-in). */
  millisSinceActivity(): number {
    return this.clock.now().getTime() - this.lastActivity;
  }

  /** Appends an audit event in the signed-in custodian's name. */
  record(entry: AuditEntry): AuditEvent {
    if (!this.custodian) throw new StrongroomError(ErrorCode.NotSignedIn, 'Say who is at the kiosk before doing anything else.');
    return this.recordAs(this.custodian, entry);
  }

  /** Details added to every event from now on, in one place: the air-gap guard says whether an override is in force. */
  addAuditStamp(stamp: (action: string) => AuditDetails): void {
    this.auditStamps.push(stamp);
  }

  /** For actions that name their own actor (a CLI run, a second custodian in dual control). */
  recordAs(custodian: string, entry: AuditEntry): AuditEvent {
    const details: AuditDetails = { ...(entry.details ?? {}) };
    for (const stamp of this.auditStamps) Object.assign(details, stamp(entry.action));
    if (this.options.practiceMode) details['practice'] = true;
    return this.catalog.audit.append({
      at: this.nowIso(),
      custodian,
      action: entry.action,
      subject: entry.subject,
      details,
    });
  }

  private lockIfIdle(): void {
    if (!this.custodian) return;
    const idleMs = this.catalog.settings.read().idleLockMinutes * 60_000;
    if (this.clock.now().getTime() - this.lastActivity >= idleMs) {
      this.end('custodian.locked-idle', { idleMinutes: idleMs / 60_000 });
      this.lockedForIdle = true;
    }
  }

  /** Called whenever the signed-in custodian leaves (sign-out, someone else signs in, idle lock). */
  onEnd(listener: (how: SessionEnd, custodian: string) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private pendingWorkOf(custodian: string): PendingWorkItem[] {
    return [...this.pendingWorkProviders].flatMap((provider) => provider(custodian));
  }

  private end(action: 'custodian.signed-out' | 'custodian.locked-idle', details: AuditDetails, how?: SessionEnd): void {
    if (!this.custodian) return;
    const leaving = this.custodian;
    this.record({ action, subject: leaving, details });
    const ending: SessionEnd = how ?? (action === 'custodian.locked-idle' ? 'locked-idle' : 'signed-out');
    // Work survives a lock or a hand-over, for the same custodian to resume; a sign-out (confirmed) drops it.
    this.heldFor = ending === 'signed-out' ? null : leaving;
    this.custodian = null;
    this.lockedForIdle = false;
    for (const listener of [...this.endListeners]) listener(ending, leaving);
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}
