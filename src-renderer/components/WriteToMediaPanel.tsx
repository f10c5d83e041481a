import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { AccountView, CustodyWriteView, EnrolmentView, KdfView } from '../../src-main/contract/custody-views';
import type { WriteJobView } from '../../src-main/contract/transaction-views';
import { api } from '../api';
import { Notice } from './Notice';
import { ProgressPanel } from './ProgressPanel';
import { PassphraseField, usePassphraseProblem } from './PassphraseFields';
import { checkPassphraseEntries, passphraseName } from './passphrase-entry';
import { StickChooser } from './StickChooser';
import { labelledSticks, useInsertedMedia } from './use-inserted-media';
import { useRequest } from './use-request';
import { WriteJobStatus } from './WriteJobStatus';
import type { MediumRole } from '../../src-main/contract/media-views';

const ROLES: readonly MediumRole[] = ['vault', 'seed'];

/** A master passphrase as typed, and its second typing when the file is new. */
interface TypedPassphrase {
  readonly value: string;
  readonly again: string;
}
type TypedPassphrases = Readonly<Record<MediumRole, TypedPassphrase>>;
const NOTHING_TYPED: TypedPassphrases = { vault: { value: '', again: '' }, seed: { value: '', again: '' } };

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
  const [typed, setTyped] = useState<TypedPassphrases>(NOTHING_TYPED);
  const type = (role: MediumRole, entry: Partial<TypedPassphrase>) => setTyped((now) => ({ ...now, [role]: { ...now[role], ...entry } }));
  const [suggestingFor, setSuggestingFor] = useState<MediumRole | null>(null);
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
  const fresh: Readonly<Record<MediumRole, boolean>> = { vault: firstVault, seed: firstSeeds };
  const nameOf = (accountId: string) => accounts.find((a) => a.accountId === accountId)?.name ?? accountId;

  useEffect(() => {
    if (written) receipt.current?.focus();
  }, [written]);

  const chosen = (sticks: typeof vaults) => sticks.map((m) => m.label!.mediumId).filter((id) => !excluded.has(id));

  // An error about one passphrase (main names it in `details.passphrase`) is said beside that field and clears it
  // only when main found it wrong; any other error keeps both, since neither was found wrong. This form has one
  // box per role, whether the file is new or not.
  const { problem, show, reset, aboutField } = usePassphraseProblem(
    'write',
    request.error,
    (role) => type(role, NOTHING_TYPED[role]),
    (found) => ({ ...found, which: 'current' }),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A brand-new master passphrase is typed twice: a slip here would lock the custodians out of their own file.
    const missing = checkPassphraseEntries(
      ROLES.map((role) => ({ role, which: 'current' as const, value: typed[role].value, ...(fresh[role] ? { again: typed[role].again } : {}) })),
    );
    if (missing) return show(missing);
    reset();
    setSuggestingFor(null);
    const body = {
      vaultPassphrase: typed.vault.value,
      seedPassphrase: typed.seed.value,
      // Main checks a new passphrase's second typing too, so no caller of the channel can skip it.
      ...(firstVault ? { vaultPassphraseAgain: typed.vault.again } : {}),
      ...(firstSeeds ? { seedPassphraseAgain: typed.seed.again } : {}),
      vaultMedia: chosen(vaults),
      seedMedia: chosen(seeds),
    };
    await request.run(() => api().writeEnrolments(body), (view) => {
      setTyped(NOTHING_TYPED);
      onWritten(view);
    });
  };

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

          {aboutField ? null : request.notice}
          <form className="passphrase-form" onSubmit={(event) => void submit(event)} aria-label="Write to media" noValidate>
            <fieldset disabled={writing}>
              <legend>The two master passphrases, each typed by its own custodian</legend>
              {firstVault || firstSeeds ? (
                <p className="hint">
                  A stick that holds nothing yet takes the passphrase typed now as its master passphrase from here on: type it twice.
                </p>
              ) : null}
              {ROLES.map((role) => (
                <PassphraseField
                  key={role}
                  prefix="write"
                  role={role}
                  which="current"
                  fresh={fresh[role]}
                  label={passphraseName(role)}
                  value={typed[role].value}
                  again={typed[role].again}
                  onValue={(value) => type(role, { value })}
                  onAgain={(again) => type(role, { again })}
                  problem={problem}
                  suggesting={suggestingFor === role}
                  onSuggesting={(shown) => setSuggestingFor(shown ? role : null)}
                />
              ))}
              <div className="row">
                <button type="submit" disabled={ready.length === 0 || chosen(vaults).length === 0 || chosen(seeds).length === 0}>
                  Write to media
                </button>
              </div>
            </fieldset>
          </form>
          <ProgressPanel
            active={writing}
            job="Writing the vault and the seeds"
            hint={firstVault && firstSeeds ? 'Encrypting the first vault and seed store with the new passphrases' : 'Unlocking the current files with the passphrases'}
          />
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
