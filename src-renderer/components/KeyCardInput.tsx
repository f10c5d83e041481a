import { useState } from 'react';
import type { KeySchemeView } from '../../src-main/contract/key-card-views';
import { api } from '../api';
import { SecretInput } from './SecretInput';

type CardsScheme = Extract<KeySchemeView, { kind: 'cards' }>;

/**
 * Where a role is opened with key cards instead of a passphrase: one field per card needed, each filled by
 * scanning the card's QR code (a scanner types it). Each card is read on its own as soon as it is given, so a
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
  readonly cards: readonly string[];
  readonly onChange: (cards: string[]) => void;
}) {
  const [verdicts, setVerdicts] = useState<Record<number, string>>({});
  const role = scheme.role === 'vault' ? 'vault' : 'seed store';

  const read = async (index: number, scanned: string) => {
    if (!scanned.trim()) return setVerdicts((v) => ({ ...v, [index]: '' }));
    const result = await api().readKeyCard({ entry: { scanned } });
    const text = result.ok
      ? `Card ${result.value.number} of ${result.value.cardCount}${result.value.holder ? `, ${result.value.holder}’s` : ''}${result.value.inForce === false ? ' — NOT the set in force' : ''}`
      : result.error.message;
    setVerdicts((v) => ({ ...v, [index]: text }));
  };

  return (
    <div className="key-card-input" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="hint">
        The {role} opens with any {scheme.threshold} of its {scheme.cardCount} key cards (holders: {scheme.holders.join(', ')}). Each holder scans their own card.
      </p>
      {Array.from({ length: scheme.threshold }, (_, index) => (
        <div key={index} className="key-card-field">
          <label htmlFor={`${id}-${index + 1}`}>
            Key card {index + 1} of {scheme.threshold} (scan its QR code)
          </label>
          <SecretInput
            id={`${id}-${index + 1}`}
            value={cards[index] ?? ''}
            onChange={(e) => onChange(Array.from({ length: scheme.threshold }, (_, i) => (i === index ? e.target.value : (cards[i] ?? ''))))}
            onBlur={(e) => void read(index, e.target.value)}
            aria-describedby={`${id}-${index + 1}-verdict`}
          />
          <p id={`${id}-${index + 1}-verdict`} className="hint" aria-live="polite">
            {verdicts[index] ?? ''}
          </p>
        </div>
      ))}
    </div>
  );
}
