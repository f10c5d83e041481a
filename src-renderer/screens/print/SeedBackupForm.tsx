import { useMemo, useState } from 'react';
import { api } from '../../api';
import { SecretInput } from '../../components/SecretInput';
import { StickPicker, useStickChoice } from '../../components/StickPicker';
import { labelledSticks, useInsertedMedia } from '../../components/use-inserted-media';
import { SeedSecretNotice } from './SeedSecretNotice';
import { organisationOf, PrepareShell, type PrepareCommon, type Preparation } from './PrepareShell';

/** The paper seed backup, read from a seed stick opened with the seed passphrase. */
export function SeedBackupForm({ common }: { readonly common: PrepareCommon }) {
  const { media } = useInsertedMedia();
  const seedSticks = useMemo(() => labelledSticks(media, 'seed'), [media]);
  const stick = useStickChoice(seedSticks);
  const [passphrase, setPassphrase] = useState('');
  // Two-person control: the second custodian is named here, never filled in.
  const [secondCustodian, setSecondCustodian] = useState('');

  const prepare = (): Preparation => {
    if (!stick.devicePath) return 'Insert a labelled seed stick and choose it.';
    if (!secondCustodian.trim()) return 'Name the second custodian: printing the seed backup takes two registered custodians.';
    if (!passphrase) return 'Type the seed master passphrase.';
    const request = { devicePath: stick.devicePath, passphrase, secondCustodian, paper: common.paper, ...organisationOf(common) };
    return () => api().prepareSeedBackup(request);
  };

  return (
    <PrepareShell
      common={common}
      prepare={prepare}
      afterRequest={() => setPassphrase('')}
      job="Preparing the paper seed backup"
      hint="Opening the seed store"
    >
      <SeedSecretNotice />
      <div className="form-grid">
        <StickPicker
          id="print-seed-stick"
          label="Seed stick to print from"
          sticks={seedSticks}
          choice={stick}
          missing="Insert a labelled seed stick."
        />
        <label htmlFor="print-second-custodian">Second custodian (registered, present now)</label>
        <input id="print-second-custodian" autoComplete="off" value={secondCustodian} onChange={(e) => setSecondCustodian(e.target.value)} />
        <label htmlFor="print-seed-passphrase">Seed master passphrase</label>
        <SecretInput id="print-seed-passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
    </PrepareShell>
  );
}
