import { custodianNameSkeleton, normaliseCustodianName } from '../core/custodian';
import { requireTwoCustodians, type DualControl } from '../core/dual-control';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { Catalog } from '../catalog/catalog';
import type { Custodian } from '../catalog/custodian-store';
import type { Clock } from '../platform/clock';
import type { SessionStatus } from '../contract/views';
import type { KioskSession } from './kiosk-session';

/**
 * Who may act at this kiosk. Custodians are registered explicitly, each by one already registered, and the
 * registration is on the audit trail under both names. The only exception is the first custodian of a fresh
 * kiosk (no custodian and nothing recorded yet), who registers themself; after that first event the exception
 * is gone for good, so nobody can walk up later and bootstrap a name of their own.
 *
 * Names are identities for the audit trail, not proofs of presence: two-person control rests on each
 * custodian's half of the secret (their passphrase or key card), and on the record of who was named.
 */
export class CustodianRoster {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
  ) {}

  list(): Custodian[] {
    return this.catalog.custodians.list();
  }

  /** The stored spelling of a registered name (names compare case-insensitively), or null. */
  registered(name: string): string | null {
    return this.catalog.custodians.find(normaliseCustodianName(name))?.name ?? null;
  }

  requireRegistered(name: string): string {
    const stored = this.registered(name);
    if (stored === null) {
      throw new StrongroomError(
        ErrorCode.CustodianNotRegistered,
        `"${normaliseCustodianName(name)}" is not a registered custodian of this kiosk. Register them first (strongroom custodians add).`,
        { custodian: normaliseCustodianName(name) },
      );
    }
    return stored;
  }

  /** The first custodian of a fresh kiosk registers themself and is signed in. Refused once anything is recorded. */
  registerFirst(rawName: string, via: 'kiosk' | 'cli' = 'kiosk'): SessionStatus {
    const name = this.checkedNewName(rawName);
    if (!this.session.isFresh()) {
      throw new StrongroomError(
        ErrorCode.CustodianRegistrationRefused,
        'This kiosk already has registered custodians (or a recorded history), so nobody registers themself any more. A registered custodian signs in and adds you.',
      );
    }
    this.catalog.custodians.add(name, this.clock.now().toISOString(), null);
    this.session.recordAs(name, { action: 'custodian.registered', subject: name, details: { first: true, via } });
    return this.session.signIn(name, { via });
  }

  /** The signed-in custodian registers someone new. */
  register(rawName: string): Custodian {
    const by = this.session.requireCustodian();
    const name = this.checkedNewName(rawName);
    const custodian = this.catalog.custodians.add(name, this.clock.now().toISOString(), by);
    this.session.record({ action: 'custodian.registered', subject: name, details: { registeredBy: by } });
    return custodian;
  }

  /** Two different registered custodians, one of them signed in, for an action that exposes a secret. */
  requireTwo(action: string, first: string, second: string | null | undefined): DualControl {
    const signedIn = this.session.requireCustodian();
    return requireTwoCustodians({ action, first, second, signedIn, registered: (name) => this.registered(name) });
  }

  /** A name that can be registered: well-formed, and not one a reader could mistake for a registered custodian. */
  private checkedNewName(rawName: string): string {
    const name = normaliseCustodianName(rawName);
    const skeleton = custodianNameSkeleton(name);
    if (skeleton.length < 2) {
      throw new StrongroomError(ErrorCode.InvalidCustodianName, 'A name needs at least two letters or digits.');
    }
    const clash = this.catalog.custodians.list().find((c) => custodianNameSkeleton(c.name) === skeleton);
    if (clash) {
      throw new StrongroomError(
        ErrorCode.CustodianAlreadyRegistered,
        clash.name === name
          ? `${name} is already registered.`
          : `"${name}" reads the same as ${clash.name}, who is already registered: on a report the two could not be told apart. Use the registered name, or add something that tells them apart (a middle initial).`,
        { custodian: clash.name },
      );
    }
    return name;
  }
}
