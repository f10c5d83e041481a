import { useState, type FormEvent } from 'react';
import type { PreparedKeyCardSetView } from '../../../src-main/contract/key-card-views';
import { api } from '../../api';
import { useRequest } from '../../components/use-request';
import type { MediumRole } from '../../../src-main/contract/media-views';

const MAX_CARDS = 16;

/**
 * Choosing the split: which role, how many cards (n), how many open it (k), and one registered custodian per
 * card. Main draws the key and builds the cards; nothing is re-keyed until every card is printed.
 */
export function DrawKeyCardsForm({
  custodians,
  onDrawn,
}: {
  readonly custodians: readonly string[];
  readonly onDrawn: (set: PreparedKeyCardSetView) => void;
}) {
  const [role, setRole] = useState<MediumRole>('vault');
  const [cardCount, setCardCount] = useState(3);
  const [threshold, setThreshold] = useState(2);
  const [holders, setHolders] = useState<string[]>([]);
  const [paper, setPaper] = useState<'A4' | 'LETTER'>('A4');
  const request = useRequest();

  const holderOf = (index: number) => holders[index] ?? '';
  const chosen = Array.from({ length: cardCount }, (_, i) => holderOf(i));
  const ready = chosen.every((h) => h !== '') && new Set(chosen).size === cardCount && threshold >= 2 && threshold <= cardCount;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await request.run(() => api().drawKeyCards({ role, threshold, holders: chosen, paper }), onDrawn);
  };

  return (
    <form className="draw-key-cards" onSubmit={(e) => void submit(e)} aria-labelledby="draw-key-cards-title">
      <h2 id="draw-key-cards-title">Put a role under key cards</h2>
      <p className="hint">
        Strongroom draws a random master key that nobody sees whole and prints one card per holder. Any {threshold} of the {cardCount} cards open the role; fewer
        reveal nothing. Every stick of the role is then re-keyed. Replacing a holder later means drawing a new set.
      </p>
      <div className="form-grid">
        <label htmlFor="kc-role">Role to put under key cards</label>
        <select id="kc-role" value={role} onChange={(e) => setRole(e.target.value === 'seed' ? 'seed' : 'vault')}>
          <option value="vault">Vault (passwords)</option>
          <option value="seed">Seed store (MFA seeds)</option>
        </select>
        <label htmlFor="kc-count">Number of cards (one per holder)</label>
        <input
          id="kc-count"
          type="number"
          min={2}
          max={Math.min(MAX_CARDS, Math.max(2, custodians.length))}
          value={cardCount}
          onChange={(e) => {
            const n = Math.max(2, Math.min(MAX_CARDS, Number(e.target.value) || 2));
            setCardCount(n);
            if (threshold > n) setThreshold(n);
          }}
        />
        <label htmlFor="kc-threshold">Cards needed to open</label>
        <input id="kc-threshold" type="number" min={2} max={cardCount} value={threshold} onChange={(e) => setThreshold(Math.max(2, Math.min(cardCount, Number(e.target.value) || 2)))} />
        {chosen.map((holder, index) => (
          <HolderChoice
            key={index}
            index={index}
            value={holder}
            custodians={custodians}
            taken={chosen.filter((_, i) => i !== index)}
            onChange={(name) => setHolders(Array.from({ length: cardCount }, (_, i) => (i === index ? name : holderOf(i))))}
          />
        ))}
        <label htmlFor="kc-paper">Paper</label>
        <select id="kc-paper" value={paper} onChange={(e) => setPaper(e.target.value === 'LETTER' ? 'LETTER' : 'A4')}>
          <option value="A4">A4</option>
          <option value="LETTER">US Letter</option>
        </select>
      </div>
      {custodians.length < cardCount ? (
        <p className="hint">
          Only {custodians.length} custodians are registered: each card needs its own holder. Register more on the Custodians screen.
        </p>
      ) : null}
      <button type="submit" disabled={request.busy || !ready}>
        Draw the key and prepare {cardCount} cards
      </button>
      {request.notice}
    </form>
  );
}

function HolderChoice({
  index,
  value,
  custodians,
  taken,
  onChange,
}: {
  readonly index: number;
  readonly value: string;
  readonly custodians: readonly string[];
  readonly taken: readonly string[];
  readonly onChange: (name: string) => void;
}) {
  const id = `kc-holder-${index + 1}`;
  return (
    <>
      <label htmlFor={id}>Holder of card {index + 1}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a registered custodian</option>
        {custodians.map((name) => (
          // Each holder keeps one card: a second card with one person would let fewer people open the role.
          <option key={name} value={name} disabled={taken.includes(name)}>
            {name}
          </option>
        ))}
      </select>
    </>
  );
}
