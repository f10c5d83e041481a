import { useCallback, useState } from 'react';
import type { KeySchemeView } from '../../../src-main/contract/key-card-views';
import { KeyCardInput, type KeyCardDraft } from '../../components/KeyCardInput';
import { SecretInput } from '../../components/SecretInput';
import { describeStick, type labelledSticks } from '../../components/use-inserted-media';
import type { MediumRole } from '../../../src-main/contract/media-views';

type Sticks = ReturnType<typeof labelledSticks>;
type Problem = { readonly field: string; readonly text: string } | null;

const HALF_WORDS = {
  vault: { legend: 'Vault half (the password)', who: 'Who types the vault passphrase', passphrase: 'Vault master passphrase' },
  seed: { legend: 'Seed half (the MFA code)', who: 'Who types the seed passphrase', passphrase: 'Seed master passphrase' },
} as const;

/** What one custodian enters for one half: the stick, their name, and their key (a passphrase or key cards). */
export interface HalfEntry {
  readonly device: string;
  readonly who: string;
  readonly passphrase: string;
  readonly cards: KeyCardDraft[];
}
export type HalfChange = (patch: Partial<HalfEntry>) => void;

/** The state of one half; the vault half and the seed half each hold one, so both are kept and wiped alike. */
export function useHalfEntry(initialWho: string): [HalfEntry, HalfChange] {
  const [entry, setEntry] = useState<HalfEntry>({ device: '', who: initialWho, passphrase: '', cards: [] });
  const change = useCallback<HalfChange>((patch) => setEntry((last) => ({ ...last, ...patch })), []);
  return [entry, change];
}

/** The change that wipes the key typed or scanned for a half; the name and the stick stay. */
export function forgottenKey(): Partial<HalfEntry> {
  return { passphrase: '', cards: [] };
}

/**
 * One half of a break-glass: the stick it is read from, the custodian who opens it, and that custodian's key
 * (a master passphrase, or key cards when the role is under cards). The vault half and the seed half are the same
 * form for two people; keeping it one component keeps them from drifting apart.
 */
export function BreakGlassHalf({
  role,
  hint,
  sticks,
  entry,
  onChange,
  scheme,
  problem,
  invalid,
}: {
  readonly role: MediumRole;
  /** Said under the custodian's name: who may open this half. */
  readonly hint?: string;
  readonly sticks: Sticks;
  readonly entry: HalfEntry;
  readonly onChange: HalfChange;
  /** The role's key cards, when it opens with cards instead of a passphrase. */
  readonly scheme: Extract<KeySchemeView, { kind: 'cards' }> | undefined;
  readonly problem: Problem;
  /** The invalid-field attributes for a field id, when the refusal named that field. */
  readonly invalid: (field: string) => object;
}) {
  const words = HALF_WORDS[role];
  const id = `bg-${role}`;
  return (
    <fieldset className={`bg-half bg-half-${role}`}>
      <legend>{words.legend}</legend>
      <StickChoice id={`${id}-stick`} role={role} sticks={sticks} value={entry.device} onChange={(device) => onChange({ device })} invalid={invalid(`${id}-stick`)} />
      <label htmlFor={`${id}-who`}>{words.who}</label>
      <input id={`${id}-who`} autoComplete="off" value={entry.who} onChange={(e) => onChange({ who: e.target.value })} {...invalid(`${id}-who`)} />
      {hint ? <p className="hint">{hint}</p> : null}
      {scheme ? (
        <KeyCardInput id={`${id}-passphrase`} scheme={scheme} cards={entry.cards} onChange={(cards) => onChange({ cards })} />
      ) : (
        <>
          <label htmlFor={`${id}-passphrase`}>{words.passphrase}</label>
          <SecretInput id={`${id}-passphrase`} value={entry.passphrase} onChange={(e) => onChange({ passphrase: e.target.value })} {...invalid(`${id}-passphrase`)} />
        </>
      )}
      <FieldProblem problem={problem} field={`${id}-passphrase`} />
    </fieldset>
  );
}

/** A passphrase field's own error, next to it, focusable so the focus can move to it. */
function FieldProblem({ problem, field }: { readonly problem: Problem; readonly field: string }) {
  if (problem?.field !== field) return null;
  return (
    <p id={`${field}-problem`} className="field-error" role="alert" tabIndex={-1}>
      {problem.text}
    </p>
  );
}

function StickChoice({
  id,
  role,
  sticks,
  value,
  onChange,
  invalid,
}: {
  readonly id: string;
  readonly role: MediumRole;
  readonly sticks: Sticks;
  readonly value: string;
  readonly onChange: (devicePath: string) => void;
  readonly invalid: object;
}) {
  const label = role === 'vault' ? 'Vault stick' : 'Seed stick';
  const chosen = sticks.find((m) => m.devicePath === value);
  if (sticks.length === 0) {
    return (
      <>
        <span className="field-label">{label}</span>
        <p id={id} className="stick-missing" tabIndex={-1}>
          Insert a {role} stick. It shows here within a second or two.
        </p>
      </>
    );
  }
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-describedby={`${id}-chosen`} value={value} onChange={(e) => onChange(e.target.value)} {...invalid}>
        {sticks.map((m) => (
          <option key={m.devicePath} value={m.devicePath}>
            {describeStick(m)}
            {m.label?.knownToCatalog ? '' : ' — not known to this kiosk'}
          </option>
        ))}
      </select>
      {/* A closed drop-down cuts a long description short; the chosen stick is also spelled out in full. */}
      {chosen ? (
        <p className="hint stick-chosen" id={`${id}-chosen`}>
          {describeStick(chosen)}
          {chosen.label?.knownToCatalog ? '' : ' — not known to this kiosk'}
        </p>
      ) : null}
    </>
  );
}
