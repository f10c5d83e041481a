import { useEffect, useRef, useState } from 'react';
import type { AccountView, CodesView } from '../../src-main/contract/custody-views';
import type { PaperLineCheckView, ReEnrolmentView, RestoredSeedView } from '../../src-main/contract/print-views';
import { api } from '../api';
import { Countdown } from '../components/Countdown';
import { Notice } from '../components/Notice';
import { OtpCode } from '../components/OtpCode';
import { usePoll } from '../components/use-poll';
import { useRequest } from '../components/use-request';
import { useConfirmFocus } from '../components/use-confirm-focus';

/** AWS seeds are 64 characters: four lines of four groups on the paper backup. */
const AWS_SEED_LINES = 4;
const MAX_LINES = 32;
const LINE_LENGTH = 16;

interface TypedLine {
  readonly text: string;
  readonly check: string;
}

interface LineState {
  /** What was checked, so an answer about an older version of the line is not shown against a newer one. */
  readonly checked: TypedLine;
  readonly verdict: PaperLineCheckView;
}

const compact = (value: string) => value.replace(/\s+/g, '');
const emptyLines = (count: number): TypedLine[] => Array.from({ length: count }, () => ({ text: '', check: '' }));

/**
 * A line is complete when its check value has both characters and the line has all its characters (the last
 * line may be shorter, so there the check value alone says the custodian has finished typing it).
 */
function isComplete(line: TypedLine, index: number, count: number): boolean {
  const text = compact(line.text);
  if (compact(line.check).length < 2 || text.length === 0) return false;
  return index === count - 1 || text.length >= LINE_LENGTH;
}

/**
 * Restore a seed from the paper backup when every seed stick has failed: the custodian types each line and its
 * two-character check value; each line is checked by main as soon as it is complete, and a wrong line is named at
 * once. The restored seed stays in main's memory; this panel shows only its codes.
 */
export function RestoreFromPaperPanel() {
  const [lineCount, setLineCount] = useState(AWS_SEED_LINES);
  const [lines, setLines] = useState<TypedLine[]>(() => emptyLines(AWS_SEED_LINES));
  const [states, setStates] = useState<Record<number, LineState>>({});
  const [accounts, setAccounts] = useState<readonly AccountView[]>([]);
  const [accountId, setAccountId] = useState('');
  const [restored, setRestored] = useState<RestoredSeedView | null>(null);
  const [codes, setCodes] = useState<CodesView | null>(null);
  const [reEnrolment, setReEnrolment] = useState<ReEnrolmentView | null>(null);
  // Re-enrolling generates a new root password that must then be set on AWS: never on one click.
  const [confirmingReEnrolment, setConfirmingReEnrolment] = useState(false);
  const reEnrolFocus = useConfirmFocus(confirmingReEnrolment);
  const request = useRequest();
  const { busy, fail } = request;
  const restoreRef = useRef<string | null>(null);

  useEffect(() => {
    void api()
      .listAccounts({})
      .then((result) => (result.ok ? setAccounts(result.value.filter((a) => a.rootCredentialStatus === 'custodied')) : fail(result.error, { focus: false })));
    return () => {
      const restoreId = restoreRef.current;
      restoreRef.current = null;
      if (restoreId) void api().discardRestoredSeed({ restoreId });
    };
  }, []);

  usePoll(
    async () => {
      if (!restored) return;
      const result = await api().restoredSeedCodes({ restoreId: restored.restoreId });
      if (result.ok) return setCodes(result.value);
      if (result.error.code === 'PAPER_RESTORE_GONE') forget();
      fail(result.error, { focus: false });
    },
    1000,
    restored !== null,
  );

  const forget = () => {
    restoreRef.current = null;
    setRestored(null);
    setCodes(null);
  };

  const changeCount = (value: number) => {
    const count = Math.min(MAX_LINES, Math.max(1, Math.round(value) || 1));
    setLineCount(count);
    setLines((current) => [...current.slice(0, count), ...emptyLines(Math.max(0, count - current.length))]);
    // Whether a line is the last one is part of its check: every verdict is stale now.
    setStates({});
  };

  const check = async (index: number, line: TypedLine, count: number) => {
    const result = await api().checkPaperSeedLine({ lineNumber: index + 1, lineCount: count, text: line.text, check: line.check });
    if (!result.ok) return fail(result.error);
    setStates((current) => ({ ...current, [index]: { checked: line, verdict: result.value } }));
  };

  const edit = (index: number, field: keyof TypedLine, value: string) => {
    const line = { ...lines[index]!, [field]: value };
    setLines(lines.map((l, i) => (i === index ? line : l)));
    setStates((current) => {
      const next = { ...current };
      delete next[index];
      return next;
    });
    if (isComplete(line, index, lineCount)) void check(index, line, lineCount);
  };

  const stateOf = (index: number): LineState | undefined => {
    const state = states[index];
    const line = lines[index];
    return state && line && state.checked.text === line.text && state.checked.check === line.check ? state : undefined;
  };
  const allGood = lines.every((_, i) => stateOf(i)?.verdict.ok === true);

  const restore = async () => {
    setReEnrolment(null);
    const seed = await request.run(() => api().restoreSeedFromPaper({ lines, ...(accountId ? { accountId } : {}) }));
    if (!seed) return;
    restoreRef.current = seed.restoreId;
    setRestored(seed);
    setCodes(seed.codes);
    // The typed lines are the seed: they leave this window as soon as main holds it.
    setLines(emptyLines(lineCount));
    setStates({});
  };

  const startReEnrolment = async () => {
    if (!restored) return;
    const target = restored.accountId ?? accountId;
    const started = await request.run(() => api().startReEnrolmentFromPaper({ restoreId: restored.restoreId, accountId: target }));
    if (!started) return;
    forget();
    setReEnrolment(started);
  };

  const discard = async () => {
    if (restored) await api().discardRestoredSeed({ restoreId: restored.restoreId });
    forget();
    request.clear();
  };

  const account = accounts.find((a) => a.accountId === (restored?.accountId ?? accountId));

  return (
    <section className="card restore-panel" aria-labelledby="restore-title">
      <h2 id="restore-title">Restore a seed from paper</h2>
      <p className="hint">
        When every seed stick has failed: type one account’s seed from the paper backup, line by line, with the two-character
        check value printed after each line. Each line is checked as soon as it is complete; a wrong line is named at once.
      </p>

      {reEnrolment ? (
        <Notice tone="ok">
          Re-enrolment of {reEnrolment.enrolment.accountName} ({reEnrolment.enrolment.accountId}) started with a new root
          password and the restored seed already set. Continue on the Accounts screen: set the new password on AWS, confirm the
          codes, then write new vault and seed sticks and print a new backup.
        </Notice>
      ) : null}

      {restored ? (
        <div className="restored-seed" data-restore={restored.restoreId}>
          <p>
            <strong>Seed restored{restored.accountName ? ` for ${restored.accountName} (${restored.accountId})` : ''}.</strong> Sign in
            with the code below to confirm the paper was read right. The seed stays in memory until you start the re-enrolment,
            discard it, or the kiosk locks.
          </p>
          {codes ? (
            <>
              <div className="code-pair">
                <OtpCode label="Code now" code={codes.current} />
                <OtpCode label="Next code" code={codes.next} size="medium" />
              </div>
              <Countdown secondsLeft={codes.secondsLeft} />
            </>
          ) : null}
          {!restored.accountId ? (
            <div className="row">
              <label htmlFor="restore-account-after">Account</label>
              <AccountSelect id="restore-account-after" none="Choose the account this seed belongs to" accounts={accounts} value={accountId} onChange={setAccountId} />
            </div>
          ) : null}
          <div className="actions">
            <button type="button" ref={reEnrolFocus.ask} disabled={!account || confirmingReEnrolment} onClick={() => setConfirmingReEnrolment(true)}>
              {account ? `Start re-enrolment for account ${account.name} (${account.accountId})…` : 'Start re-enrolment for account …'}
            </button>
            <button type="button" className="secondary" onClick={() => void discard()}>
              Discard the restored seed
            </button>
          </div>
          {confirmingReEnrolment && account ? (
            <Notice tone="warn" role="alertdialog" label={`Re-enrol ${account.name}`}>
              <strong>
                Re-enrol {account.name} ({account.accountId}) with this seed?
              </strong>{' '}
              A new root password is generated, to be set on AWS, and the account is written to new vault and seed sticks as if enrolled for the
              first time. Until then its current sticks stay as they are.
              <div className="row">
                <button
                  type="button"
                  onClick={() => {
                    setConfirmingReEnrolment(false);
                    void startReEnrolment();
                  }}
                >
                  Yes, start the re-enrolment of {account.name}
                </button>
                <button type="button" className="secondary" ref={reEnrolFocus.safe} onClick={() => setConfirmingReEnrolment(false)}>
                  Not now
                </button>
              </div>
            </Notice>
          ) : null}
        </div>
      ) : (
        <form className="restore-form" aria-label="Restore a seed from paper" onSubmit={(e) => {
            e.preventDefault();
            void restore();
          }}>
          <div className="form-grid">
            <label htmlFor="restore-line-count">Lines of the seed on the paper</label>
            <input id="restore-line-count" type="number" min={1} max={MAX_LINES} value={lineCount} onChange={(e) => changeCount(Number(e.target.value))} />
            <label htmlFor="restore-account">Account (from the block’s heading)</label>
            <AccountSelect id="restore-account" none="Not chosen yet" accounts={accounts} value={accountId} onChange={setAccountId} />
          </div>
          <ol className="paper-lines">
            {lines.map((line, index) => {
              const n = index + 1;
              const state = stateOf(index);
              const wrong = state && !state.verdict.ok;
              const status = state ? (state.verdict.ok ? 'ok' : 'wrong') : 'open';
              return (
                <li key={index} className={`paper-line paper-line-${status}`} data-line={n} data-state={status}>
                  <PaperLineBox id={`paper-line-${n}`} label={`Line ${n}`} kind="text" value={line.text} maxLength={40} wrong={wrong} result={`paper-line-${n}-result`} onChange={(v) => edit(index, 'text', v)} />
                  <PaperLineBox id={`paper-check-${n}`} label="check" kind="check" value={line.check} maxLength={4} wrong={wrong} result={`paper-line-${n}-result`} onChange={(v) => edit(index, 'check', v)} />
                  <span id={`paper-line-${n}-result`} className="paper-line-result" role={wrong ? 'alert' : undefined}>
                    {state ? (state.verdict.ok ? `Line ${n} checks out.` : state.verdict.message) : ''}
                  </span>
                </li>
              );
            })}
          </ol>
          <div className="actions">
            <button type="submit" disabled={!allGood || busy}>
              Restore the seed
            </button>
            {!allGood ? <span className="hint">Every line must check out first.</span> : null}
          </div>
        </form>
      )}
      {request.notice}
    </section>
  );
}

/** One box of a paper line (its text or its check value), typed as printed: upper case, no spelling help. */
function PaperLineBox({
  id,
  label,
  kind,
  value,
  maxLength,
  wrong,
  result,
  onChange,
}: {
  id: string;
  label: string;
  kind: 'text' | 'check';
  value: string;
  maxLength: number;
  wrong: boolean | undefined;
  /** The id of the line's verdict, which both boxes point to. */
  result: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={`mono paper-line-${kind}`}
        value={value}
        maxLength={maxLength}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        {...(kind === 'text' ? { placeholder: 'ABCD EFGH IJKL MNOP' } : {})}
        aria-invalid={wrong ? true : undefined}
        aria-describedby={result}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

/** The account a restored seed belongs to, named as on the paper block's heading: name and id. */
function AccountSelect({
  id,
  none,
  accounts,
  value,
  onChange,
}: {
  id: string;
  /** What the empty choice says. */
  none: string;
  accounts: readonly { readonly accountId: string; readonly name: string }[];
  value: string;
  onChange: (accountId: string) => void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{none}</option>
      {accounts.map((a) => (
        <option key={a.accountId} value={a.accountId}>
          {a.name} ({a.accountId})
        </option>
      ))}
    </select>
  );
}
