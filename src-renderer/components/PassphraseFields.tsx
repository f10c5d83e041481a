import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelError } from '../api';
import { PassphraseStrength, SuggestPassphrase } from './PassphraseStrength';
import { CUSTODIAN_GROUP, passphraseErrorField, passphraseName, type PassphraseProblem, type PassphraseWhich } from './passphrase-entry';
import { SecretInput } from './SecretInput';
import type { MediumRole } from '../../src-main/contract/media-views';

/** The element ids of one passphrase's boxes and of its message, from the form's own id prefix. */
export function passphraseIds(prefix: string, role: MediumRole, which: PassphraseWhich) {
  const base = `${prefix}-${which}-${role}-passphrase`;
  return { value: base, again: `${base}-again`, problem: `${base}-problem` };
}

/**
 * The message of a form's passphrase fields: set by the window's own checks (`show`) or by a refusal from main
 * that names a passphrase. Only a passphrase main found wrong is cleared (`clearWrong`); the keyboard moves to
 * the message beside it, so a custodian who pressed Enter hears which passphrase was refused.
 * `aboutField` says the error is already shown beside a field, so the form's general notice stays empty.
 */
export function usePassphraseProblem(
  prefix: string,
  error: ChannelError | null,
  clearWrong: (role: MediumRole, which: PassphraseWhich) => void,
  // A form with one box per role (a first write) files every refusal under the one box of that role.
  place: (problem: PassphraseProblem) => PassphraseProblem = (problem) => problem,
) {
  const [problem, setProblem] = useState<PassphraseProblem | null>(null);
  const [sequence, setSequence] = useState(0);
  const latest = useRef({ clearWrong, place });
  latest.current = { clearWrong, place };
  const show = useCallback((next: PassphraseProblem) => {
    setProblem(next);
    setSequence((n) => n + 1);
  }, []);
  const reset = useCallback(() => setProblem(null), []);

  useEffect(() => {
    if (!error) return;
    const about = passphraseErrorField(error);
    if (!about) return;
    const placed = latest.current.place(about.problem);
    if (about.clear) latest.current.clearWrong(placed.role, placed.which);
    show(placed);
  }, [error, show]);

  useEffect(() => {
    if (!problem) return;
    const ids = passphraseIds(prefix, problem.role, problem.which);
    requestAnimationFrame(() => document.getElementById(ids.problem)?.focus());
  }, [prefix, problem, sequence]);

  return { problem, show, reset, aboutField: error !== null && passphraseErrorField(error) !== null };
}

/**
 * One master passphrase field: masked with a Show toggle, its message beside it. A brand-new passphrase (the
 * first generation of a file, or a change of passphrase) is typed twice, measured while typed, and may be
 * suggested, for that custodian group only: the suggestion is shown under this field and nowhere else.
 */
export function PassphraseField({
  prefix,
  role,
  which,
  fresh,
  label,
  value,
  again,
  onValue,
  onAgain,
  problem,
  suggesting,
  onSuggesting,
}: {
  readonly prefix: string;
  readonly role: MediumRole;
  readonly which: PassphraseWhich;
  /** True when this passphrase will protect a file for the first time: typed twice, measured, suggestible. */
  readonly fresh: boolean;
  readonly label?: string;
  readonly value: string;
  readonly again?: string;
  readonly onValue: (value: string) => void;
  readonly onAgain?: (value: string) => void;
  readonly problem: PassphraseProblem | null;
  /** Whose suggestion is on screen: the form keeps one at a time, so group B never reads group A's. */
  readonly suggesting?: boolean;
  readonly onSuggesting?: (shown: boolean) => void;
}) {
  const ids = passphraseIds(prefix, role, which);
  const mine = problem && problem.role === role && problem.which === which ? problem : null;
  const invalid = (part: 'value' | 'again') => (mine?.part === part ? { 'aria-invalid': true, 'aria-describedby': ids.problem } : {});
  const differs = fresh && again !== undefined && again !== '' && again !== value;
  return (
    <div className={`passphrase-field passphrase-${role}`} data-passphrase={`${which}-${role}`}>
      <label htmlFor={ids.value}>{label ?? passphraseName(role, which)}</label>
      <SecretInput id={ids.value} value={value} onChange={(e) => onValue(e.target.value)} {...invalid('value')} />
      {fresh ? <PassphraseStrength passphrase={value} role={role} /> : null}
      {fresh && onAgain ? (
        <>
          <label htmlFor={ids.again}>Type group {CUSTODIAN_GROUP[role]}'s new passphrase again</label>
          <SecretInput id={ids.again} value={again ?? ''} onChange={(e) => onAgain(e.target.value)} {...invalid('again')} />
          {differs && !mine ? <p className="hint warn">The second typing differs from the first.</p> : null}
        </>
      ) : null}
      {mine ? <PassphraseMessage id={ids.problem} text={mine.text} /> : null}
      {fresh && onSuggesting ? <SuggestPassphrase group={CUSTODIAN_GROUP[role]} shown={suggesting ?? false} onShown={onSuggesting} /> : null}
    </div>
  );
}

function PassphraseMessage({ id, text }: { readonly id: string; readonly text: string }) {
  return (
    <p id={id} className="field-error" role="alert" tabIndex={-1}>
      {text}
    </p>
  );
}
