import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { AccountView, CustodyWriteView, EnrolmentView, KdfView } from '../../src-main/contract/custody-views';
import type { WriteJobView } from '../../src-main/contract/transaction-views';
import { api } from '../api';
import { Notice } from './Notice';
import { ProgressPanel } from './ProgressPanel';
import { PassphraseStrength, SuggestPassphrase } from './PassphraseStrength';
import { StickChooser } from './StickChooser';
import { labelledSticks, useInsertedMedia } from './use-inserted-media';
import { SecretInput } from './SecretInput';
import { useRequest } from './use-request';
import { WriteJobStatus } from './WriteJobStatus';

/** "Argon2id, 256 MiB, 3 passes": how hard the new files are to attack with a guessed passphrase. */
export function describeKdf(kdf: KdfView): string {
  const name = kdf.algorithm.toLowerCase() === 'argon2id' ? 'Argon2id' : kdf.algorithm;
  return `${name}, ${kdf.memoryMiB} MiB, ${kdf.iterations} ${kdf.iterations === 1 ? 'pass' : 'passes'}`;
}

/**
 * Writes every enrolment AWS has accepted to the chosen vault and seed sticks as one write job: every stick is
 * checked first, the new files are staged and read back on all of them, and only then committed, stick by stick.
 * The result is shown stick by stick. The two master passphrases are typed by their own custodians; they stay
 * in this form's state only until the request leaves.
 */
export function WriteToMediaPanel({
  enrolments,
  accounts,
  kdf,
  written,
  onWritten,
}: {
  readonly enrolments: readonly EnrolmentView[];
  readonly accounts: readonly AccountView[];
  readonly kdf: KdfView | null;
  readonly written: CustodyWriteView | null;
  readonly onWritten: (view: CustodyWriteView) => void;
}) {
  const { media } = useInsertedMedia();
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [seedPassphrase, setSeedPassphrase] = useState('');
  const request = useRequest();
  const writing = request.busy;
  const receipt = useRef<HTMLDivElement>(null);

  const ready = enrolments.filter((e) => e.awsAccepted);
  const waiting = enrolments.filter((e) => !e.awsAccepted);
  const vaults = labelledSticks(media, 'vault').filter((m) => m.label?.knownToCatalog);
  const seeds = labelledSticks(media, 'seed').filter((m) => m.label?.knownToCatalog);
  // No generation written yet: the passphrase typed now will be the master passphrase from here on.
  const firstVault = vaults.length > 0 && vaults.every((m) => m.newestGeneration === 0);
  const firstSeeds = seeds.length > 0 && seeds.every((m) => m.newestGeneration === 0);
  const nameOf = (accountId: string) => accounts.find((a) => a.accountId === accountId)?.name ?? accountId;

  useEffect(() => {
    if (written) receipt.current?.focus();
  }, [written]);

  const chosen = (sticks: typeof vaults) => sticks.map((m) => m.label!.mediumId).filter((id) => !excluded.has(id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { vaultPassphrase, seedPassphrase, vaultMedia: chosen(vaults), seedMedia: chosen(seeds) };
    await request.run(() => api().writeEnrolments(body), (view) => {
      setVaultPassphrase('');
      setSeedPassphrase('');
      onWritten(view);
    });
  };

  // An error about one passphrase (main names it in `details.passphrase`) clears that field only, so the other
  // custodian need not type theirs again; any other error clears both, as a finished write does.
  useEffect(() => {
    if (!request.error) return;
    const about = request.error.details?.['passphrase'];
    if (about !== 'seed') setVaultPassphrase('');
    if (about !== 'vault') setSeedPassphrase('');
  }, [request.error]);

  return (
    <section className="write-panel card" aria-labelledby="write-title">
      <h2 id="write-title">Write to media</h2>
      {written ? <WriteReceipt view={written} nameOf={nameOf} receiptRef={receipt} onJob={(job) => onWritten({ ...written, job })} /> : null}
      {enrolments.length > 0 ? (
        <>
          {ready.length > 0 ? (
            <p>
              Ready to write: {ready.map((e) => `${e.accountName} (${e.accountId})`).join(', ')}.
            </p>
          ) : (
            <p className="muted">Nothing is ready yet: on each enrolment above, confirm that AWS accepted the two codes.</p>
          )}
          {waiting.length > 0 ? (
            <p className="muted">Still waiting for AWS: {waiting.map((e) => e.accountName).join(', ')}. They stay here for a later write.</p>
          ) : null}

          <Notice tone="info" role="note">
            At least one labelled vault stick and one labelled seed stick must be inserted. Every stick ticked is checked first;
            if one is refused, nothing is written anywhere. Untick a stick to leave it behind.
            <dl className="facts sticks-to-write">
              <dt>Vault sticks</dt>
              <dd>
                <StickChooser role="vault" sticks={vaults} excluded={excluded} onChange={setExcluded} />
              </dd>
              <dt>Seed sticks</dt>
              <dd>
                <StickChooser role="seed" sticks={seeds} excluded={excluded} onChange={setExcluded} />
              </dd>
            </dl>
          </Notice>

          {request.notice}
          <form className="passphrase-form" onSubmit={(event) => void submit(event)} aria-label="Write to media">
            <fieldset disabled={writing}>
              <legend>The two master passphrases, each typed by its own custodian</legend>
              <label htmlFor="write-vault-passphrase">Vault master passphrase (custodian group A)</label>
              <SecretInput
                id="write-vault-passphrase"
                value={vaultPassphrase}
                onChange={(event) => setVaultPassphrase(event.target.value)}
              />
              {firstVault ? <PassphraseStrength passphrase={vaultPassphrase} role="vault" /> : null}
              <label htmlFor="write-seed-passphrase">Seed master passphrase (custodian group B)</label>
              <SecretInput
                id="write-seed-passphrase"
                value={seedPassphrase}
                onChange={(event) => setSeedPassphrase(event.target.value)}
              />
              {firstSeeds ? <PassphraseStrength passphrase={seedPassphrase} role="seed" /> : null}
              {firstVault || firstSeeds ? <SuggestPassphrase /> : null}
              <div className="row">
                <button type="submit" disabled={ready.length === 0 || vaultPassphrase === '' || seedPassphrase === '' || chosen(vaults).length === 0 || chosen(seeds).length === 0}>
                  Write to media
                </button>
              </div>
            </fieldset>
          </form>
          <ProgressPanel active={writing} job="Writing the vault and the seeds" hint="Unlocking the current files with the passphrases" />
        </>
      ) : null}
      {kdf ? <p className="small-print">New files are encrypted with {describeKdf(kdf)}.</p> : null}
    </section>
  );
}

function WriteReceipt({
  view,
  nameOf,
  receiptRef,
  onJob,
}: {
  readonly view: CustodyWriteView;
  readonly nameOf: (accountId: string) => string;
  readonly receiptRef: RefObject<HTMLDivElement | null>;
  readonly onJob: (job: WriteJobView) => void;
}) {
  const { job } = view;
  const behind = job.behind;
  return (
    <div className="write-receipt" ref={receiptRef} tabIndex={-1}>
      {view.enrolled.length > 0 ? (
        <p className="enrolled-line" role="status">
          Enrolled: {view.enrolled.map((id) => `${nameOf(id)} (${id})`).join(', ')}.
        </p>
      ) : null}
      <WriteJobStatus job={job} onChanged={onJob} />
      {behind.length > 0 ? (
        <Notice tone="warn" role="status" title="Bring these sticks in and copy the newest generation onto them (Media screen):">
          <ul>
            {behind.map((r) => (
              <li key={r.mediumId} data-behind={r.mediumId}>
                {r.mediumId} ({r.location}) {r.generation === 0 ? 'holds nothing yet' : `still holds generation ${r.generation}`}
              </li>
            ))}
          </ul>
        </Notice>
      ) : job.status === 'complete' ? (
        <p className="muted">Every vault and seed stick this kiosk knows now holds the newest generation.</p>
      ) : null}
    </div>
  );
}
