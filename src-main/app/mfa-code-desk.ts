import { openSeedFile } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { ErrorCode, StrongroomError } from '../core/errors';
import { twoConsecutiveCodes, type ConsecutiveCodes } from '../core/totp';
import type { Clock } from '../platform/clock';
import type { AirGapGuard } from './air-gap-guard';
import type { CustodianRoster } from './custodian-roster';
import type { KioskSession } from './kiosk-session';
import type { MasterKeyInput, MasterKeys } from './master-keys';
import { mediumIdOf, type MediaDesk } from './media-desk';
import type { StickArtefacts } from './stick-artefacts';

export interface MfaCodeRequest {
  readonly accountId: string;
  readonly seedDevicePath: string;
  readonly seedPassphrase: MasterKeyInput;
  /** Two-person control: the registered custodian beside the one signed in, named explicitly. */
  readonly secondCustodian: string | null;
}

export interface MfaCodeShown {
  readonly codes: ConsecutiveCodes;
  readonly seedGeneration: number;
  readonly mediumId: string;
  readonly warnings: readonly string[];
}

/**
 * One account's current MFA code from a seed stick, without its password: still a use of the seed, so two
 * registered custodians are named and the stick is recorded. The read is an emergency read (lenient policy).
 */
export class MfaCodeDesk {
  constructor(
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly airGap: AirGapGuard,
    private readonly sticks: StickArtefacts,
    private readonly clock: Clock,
    private readonly controls: { readonly roster: CustodianRoster; readonly keys: MasterKeys },
  ) {}

  async show(request: MfaCodeRequest): Promise<MfaCodeShown> {
    const custodian = this.session.requireCustodian();
    const pair = this.controls.roster.requireTwo('Showing an MFA code', custodian, request.secondCustodian);
    this.airGap.requireIsolation('show an MFA code');
    const medium = await this.media.find(request.seedDevicePath);
    const read = await this.sticks.read(medium, 'seed', 'lenient');
    const mediumId = mediumIdOf(medium) ?? read.mediumId;
    const key = await this.controls.keys.resolve('seed', request.seedPassphrase, 'open');
    const opened = await openSeedFile(read.bytes, protect(key.text));
    const entry = opened.entries.find((e) => e.accountId === request.accountId);
    if (!entry) {
      throw new StrongroomError(ErrorCode.AccountNotInArtefact, `Account ${request.accountId} is not in this seed store (generation ${opened.generation}).`, { accountId: request.accountId });
    }
    this.airGap.recheck('showing an MFA code', 'computing the code');
    const codes = twoConsecutiveCodes(entry.seed, this.clock.now());
    this.session.record({
      action: 'mfa.code-shown',
      subject: request.accountId,
      details: { seedGeneration: opened.generation, seedMedium: mediumId, custodians: `${pair.first} and ${pair.second}`, ...(key.via === 'cards' ? { seedCards: key.holders.join(', ') } : {}) },
    });
    const witnessed = await this.media.witnessOn([medium], 'MFA code');
    return { codes, seedGeneration: opened.generation, mediumId, warnings: [...read.warnings, ...witnessed] };
  }
}
