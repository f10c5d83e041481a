import { seedTableCsv } from '../artefacts/seed-csv-export';
import { openSeedFile } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { AirGapGuard } from './air-gap-guard';
import type { CustodianRoster } from './custodian-roster';
import type { MasterKeyInput, MasterKeys } from './master-keys';
import type { KioskSession } from './kiosk-session';
import type { MediaDesk } from './media-desk';
import type { StickArtefacts } from './stick-artefacts';

export const SEED_CSV_FILE = 'seeds-export.csv';

/**
 * The seed table as plaintext CSV, for an organisation whose other tools read that format. It is the one
 * unencrypted copy of the seeds Strongroom will make, so it goes only onto a seed stick (the separation policy
 * decides, as for any write), only after the custodian acknowledges it is plaintext, and it is audited.
 */
export class SeedCsvExportDesk {
  constructor(
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly airGap: AirGapGuard,
    private readonly sticks: StickArtefacts,
    private readonly roster: CustodianRoster,
    private readonly keys: MasterKeys,
  ) {}

  async export(request: {
    readonly sourceDevicePath: string;
    readonly targetDevicePath: string;
    readonly seedPassphrase: MasterKeyInput;
    readonly plaintextAcknowledged: boolean;
    /** Two-person control: the registered custodian beside the one signed in, named explicitly. */
    readonly secondCustodian: string | null;
  }): Promise<{ mediumId: string; path: string; accounts: number; generation: number; warnings: string[] }> {
    const custodian = this.session.requireCustodian();
    const pair = this.roster.requireTwo('The plaintext seed export', custodian, request.secondCustodian);
    if (!request.plaintextAcknowledged) {
      throw new StrongroomError(
        ErrorCode.ConfirmationRequired,
        'The CSV export is NOT encrypted: anyone who reads the stick reads every seed. Confirm that you understand this to go on.',
      );
    }
    this.airGap.requireIsolation('export the seeds as CSV');
    const source = await this.sticks.read(await this.media.find(request.sourceDevicePath), 'seed', 'strict');
    const key = await this.keys.resolve('seed', request.seedPassphrase, 'open');
    const seeds = await openSeedFile(source.bytes, protect(key.text));
    const csv = Buffer.from(seedTableCsv(seeds.entries.map((e) => ({ account: { accountId: e.accountId, name: e.name, rootEmail: e.rootEmail }, seed: e.seed }))));
    try {
      const saved = await this.media.saveDocument(request.targetDevicePath, 'seed', SEED_CSV_FILE, csv, 'plaintext seed table (CSV)');
      this.session.record({
        action: 'seeds.csv-exported',
        subject: saved.mediumId,
        details: { accounts: seeds.entries.length, seedGeneration: seeds.generation, from: source.mediumId, file: saved.path, custodians: `${pair.first} and ${pair.second}` },
      });
      // Both sticks witness the export: the one read and the one that now holds the plaintext.
      const touched = [await this.media.find(request.sourceDevicePath), await this.media.find(request.targetDevicePath)];
      const warnings = await this.media.witnessOn(touched, 'plaintext seed export');
      return { mediumId: saved.mediumId, path: saved.path, accounts: seeds.entries.length, generation: seeds.generation, warnings };
    } finally {
      csv.fill(0);
    }
  }
}
