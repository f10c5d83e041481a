import { useState } from 'react';
import type { KeySchemeView } from '../../src-main/contract/key-card-views';
import { api } from '../api';
import { SecretInput } from './SecretInput';

type CardsScheme = Extract<KeySchemeView, { kind: 'cards' }>;

/** One card as its holder is giving it: the text its QR code reads, or its printed lines typed by hand. */
export type KeyCardDraft = { readonly scanned: string } | { readonly lines: readonly { readonly text: string; readonly check: string }[] };

const filled = (draft: KeyCardDraft | undefined): draft is KeyCardDraft =>
  draft !== undefined && ('scanned' in draft ? draft.scanned.trim() !== '' : draft.lines.length > 0 && draft.lines.every((l) => l.text.trim() !== ''));

/** A card as a request carries it (see KeyCardEntry in the contract). */
type KeyCardRequest = { lines: { text: string; check: string }[] } | { scanned: string };

/** The cards given so far, as main takes them; a card typed only part way is not given yet. */
export function keyCardEntries(drafts: readonly KeyCardDraft[]): KeyCardRequest[] {
  return drafts.filter(filled).map((d) => ('scanned' in d ? { scanned: d.scanned } : { lines: d.lines.map((l) => ({ text: l.text, check: l.check })) }));
}

export function keyCardsGiven(scheme: { readonly threshold: number } | undefined, drafts: readonly KeyCardDraft[]): boolean {
  return scheme !== undefined && keyCardEntries(drafts).length >= scheme.threshold;
}

/**
 * Where a role is opened with key cards instead of a passphrase: one field per card needed, each filled by
 * scanning the card's QR code (a scanner types it) or, when there is no scanner or the code is damaged, by
 * typing the card's printed lines, each checked on its own against its check value as soon as it is typed, so
 * the holder is told which line to look at again. Each card is read on its own as soon as it is complete, so a
 * wrong or foreign card is named at once; the cards are combined only in main, and only for the task asked.
 */
export function KeyCardInput({
  id,
  scheme,
  cards,
  onChange,
}: {
  readonly id: string;
  readonly scheme: CardsScheme;
  readonly cards: readonly KeyCardDraft[];
  readonly onChange: (cards: KeyCardDraft[]) => void;
}) {
  const [verdicts, setVerdicts] = useState<Record<number, string>>({});
  const role = scheme.role === 'vault' ? 'vault' : 'seed store';
  const blankLines = () => Array.from({ length: scheme.cardLines }, () => ({ text: '', check: '' }));
  const draftOf = (index: number): KeyCardDraft => cards[index] ?? { scanned: '' };
  const setDraft = (index: number, draft: KeyCardDraft) => onChange(Array.from({ length: scheme.threshold }, (_, i) => (i === index ? draft : draftOf(i))));

  const read = async (index: number, draft: KeyCardDraft) => {
    const [entry] = keyCardEntries([draft]);
    if (!entry) return setVerdicts((v) => ({ ...v, [index]: '' }));
    const result = await api().readKeyCard({ entry });
    const text = result.ok
      ? `Card ${result.value.number} of ${result.value.cardCount}${result.value.holder ? `, ${result.value.holder}’s` : ''}${result.value.inForce === false ? ' — NOT the set in force' : ''}`
      : result.error.message;
    setVerdicts((v) => ({ ...v, [index]: text }));
  };

  return (
    <div className="key-card-input" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="hint">
        The {role} opens with any {scheme.threshold} of its {scheme.cardCount} key cards (holders: {scheme.holders.join(', ')}). Each holder scans their own card,
        or types its lines.
      </p>
      {Array.from({ length: scheme.threshold }, (_, index) => {
        const draft = draftOf(index);
        const fieldId = `${id}-${index + 1}`;
        return (
          <div key={index} className="key-card-field">
            {'scanned' in draft ? (
              <>
                <label htmlFor={fieldId}>
                  Key card {index + 1} of {scheme.threshold} (scan its QR code)
                </label>
                <SecretInput
                  id={fieldId}
                  value={draft.scanned}
                  onChange={(e) => setDraft(index, { scanned: e.target.value })}
                  onBlur={(e) => void read(index, { scanned: e.target.value })}
                  aria-describedby={`${fieldId}-verdict`}
                />
              </>
            ) : (
              <TypedCardLines
                id={fieldId}
                title={`Key card ${index + 1} of ${scheme.threshold}`}
                lines={draft.lines}
                onChange={(lines) => setDraft(index, { lines })}
                onComplete={(lines) => void read(index, { lines })}
              />
            )}
            <button
              type="button"
              className="link"
              onClick={() => {
                setVerdicts((v) => ({ ...v, [index]: '' }));
                setDraft(index, 'scanned' in draft ? { lines: blankLines() } : { scanned: '' });
              }}
            >
              {'scanned' in draft ? `Type the lines of key card ${index + 1} instead` : `Scan key card ${index + 1} instead`}
            </button>
            <p id={`${fieldId}-verdict`} className="hint" aria-live="polite">
              {verdicts[index] ?? ''}
            </p>
          </div>
        );
      })}
    </div>
  );
}

/** A card's printed lines typed by hand: four groups and the boxed check value per line, each line checked on its own. */
function TypedCardLines({
  id,
  title,
  lines,
  onChange,
  onComplete,
}: {
  readonly id: string;
  readonly title: string;
  readonly lines: readonly { readonly text: string; readonly check: string }[];
  readonly onChange: (lines: { text: string; check: string }[]) => void;
  readonly onComplete: (lines: readonly { readonly text: string; readonly check: string }[]) => void;
}) {
  const [verdicts, setVerdicts] = useState<Record<number, { ok: boolean; text: string }>>({});
  const setLine = (index: number, part: 'text' | 'check', value: string) => onChange(lines.map((l, i) => (i === index ? { ...l, [part]: value } : { ...l })));

  // A line is checked once both its groups and its check value are there; the sentence names the line, never what was typed.
  const check = async (index: number) => {
    const line = lines[index];
    if (!line || line.text.trim() === '' || line.check.trim() === '') return;
    const result = await api().checkKeyCardLine({ lineNumber: index + 1, text: line.text, check: line.check });
    const verdict = result.ok ? (result.value.ok ? { ok: true, text: `Line ${index + 1} is right.` } : { ok: false, text: result.value.message }) : { ok: false, text: result.error.message };
    setVerdicts((v) => ({ ...v, [index]: verdict }));
    if (lines.every((l) => l.text.trim() !== '' && l.check.trim() !== '')) onComplete(lines);
  };

  return (
    <fieldset className="typed-card-lines">
      <legend>{title}: type each line as printed (four groups of four, then the check value)</legend>
      {lines.map((line, index) => (
        <div key={index} className="typed-card-line" data-line={index + 1} data-line-ok={verdicts[index]?.ok}>
          <label htmlFor={`${id}-line-${index + 1}`}>
            {title}, line {index + 1}
          </label>
          <SecretInput
            id={`${id}-line-${index + 1}`}
            value={line.text}
            maxLength={40}
            onChange={(e) => setLine(index, 'text', e.target.value)}
            onBlur={() => void check(index)}
            aria-describedby={`${id}-line-${index + 1}-verdict`}
          />
          <label htmlFor={`${id}-line-${index + 1}-check`}>
            {title}, check value of line {index + 1}
          </label>
          <SecretInput
            id={`${id}-line-${index + 1}-check`}
            value={line.check}
            maxLength={8}
            className="typed-card-check"
            onChange={(e) => setLine(index, 'check', e.target.value)}
            onBlur={() => void check(index)}
            aria-describedby={`${id}-line-${index + 1}-verdict`}
          />
          <span id={`${id}-line-${index + 1}-verdict`} className={verdicts[index]?.ok === false ? 'check-fail' : 'hint'} aria-live="polite">
            {verdicts[index]?.text ?? ''}
          </span>
        </div>
      ))}
    </fieldset>
  );
}
