import { useEffect, useState } from 'react';
import type { KeyCardRekeyView, KeySchemeView, PreparedKeyCardSetView } from '../../../src-main/contract/key-card-views';
import type { PrinterChoiceView } from '../../../src-main/contract/print-views';
import { api } from '../../api';
import { KeyCardInput, keyCardEntries, keyCardsGiven, type KeyCardDraft } from '../../components/KeyCardInput';
import { Notice } from '../../components/Notice';
import { PrinterPicker } from '../../components/PrinterPicker';
import { SecretInput } from '../../components/SecretInput';
import { useRequest } from '../../components/use-request';

const ROLE_WORDS = { vault: 'vault', seed: 'seed store' } as const;

/**
 * A drawn set, card by card: each card goes to the printer on its own, for its holder to take at once, and is
 * wiped from main's memory as soon as it is printed (cards are never shown on screen or saved to a file: see
 * app/print-desk). Once every card is on paper, the role is re-keyed with the new key.
 */
export function PreparedKeyCardsPanel({
  set,
  current,
  onChanged,
  onRekeyed,
}: {
  readonly set: PreparedKeyCardSetView;
  /** How the role opens today: the key the re-key needs, when the role has a generation already. */
  readonly current: KeySchemeView;
  readonly onChanged: (set: PreparedKeyCardSetView | null) => void;
  readonly onRekeyed: (result: KeyCardRekeyView) => void;
}) {
  const [printers, setPrinters] = useState<PrinterChoiceView | null>(null);
  const [printer, setPrinter] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [cards, setCards] = useState<KeyCardDraft[]>([]);
  const [leaveBehind, setLeaveBehind] = useState(false);
  const request = useRequest();
  const role = ROLE_WORDS[set.role];

  useEffect(() => {
    void api()
      .listPrinters({})
      .then((result) => {
        if (!result.ok) return;
        setPrinters(result.value);
        setPrinter(result.value.printers.find((p) => p.isDefault)?.name ?? result.value.printers[0]?.name ?? '');
      });
  }, []);

  const next = set.cards.find((c) => !c.printed);
  const print = (number: number) => request.run(() => api().printKeyCard({ setId: set.setId, number, printer }), onChanged);
  const discard = () => request.run(() => api().discardKeyCards({ setId: set.setId }), () => onChanged(null));
  const currentKey = () => {
    if (!set.replacesKey) return {};
    if (current.kind === 'cards') return { current: { cards: keyCardEntries(cards) } };
    return { current: passphrase };
  };
  const rekey = () =>
    request.run(() => api().rekeyWithKeyCards({ setId: set.setId, ...currentKey(), ...(leaveBehind ? { leaveBehind } : {}) }), (result) => {
      setPassphrase('');
      setCards([]);
      onRekeyed(result);
    });
  const keyGiven = !set.replacesKey || (current.kind === 'cards' ? keyCardsGiven(current, cards) : passphrase !== '');

  return (
    <section className="prepared-key-cards" aria-labelledby={`prepared-key-cards-title-${set.role}`} data-set={set.setId}>
      <h2 id={`prepared-key-cards-title-${set.role}`}>
        Key cards for the {role}: any {set.threshold} of {set.cards.length} (set {set.setId})
      </h2>
      <p className="hint">
        Print the cards one at a time. Each holder takes their card from the printer themself and keeps it apart from the others. A card is never shown on
        screen or saved to a file, and it is wiped from this kiosk’s memory once printed: a card lost in the printer means discarding this set and drawing a
        new one.
      </p>
      {printers ? (
        printers.printers.length > 0 ? (
          <div className="row">
            <PrinterPicker id={`kc-printer-${set.role}`} choice={printers} value={printer} onChange={setPrinter} />
          </div>
        ) : (
          <Notice tone="warn">{printers.unavailable ?? 'No printer is set up on this kiosk.'} Key cards are printed only: connect a printer to go on.</Notice>
        )
      ) : null}
      <ol className="key-card-list">
        {set.cards.map((card) => (
          <li key={card.number} data-card={card.number} data-printed={card.printed}>
            <span>
              Card {card.number} of {set.cards.length} for {card.holder}:{' '}
              {card.printed ? `printed on ${card.printedOn ?? 'the printer'}, wiped from memory` : 'not printed yet'}
            </span>
            {!card.printed ? (
              <button type="button" disabled={request.busy || printer === '' || card.number !== next?.number} onClick={() => void print(card.number)}>
                Print card {card.number} for {card.holder}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {next ? (
        <p className="hint">Next: {next.holder} stands at the printer for card {next.number}.</p>
      ) : (
        <div className="rekey-with-cards">
          <p>
            Every card is on paper. Re-keying writes generation {set.generation} of the {role} to every {role} stick in service, encrypted under the new key;
            from then on it opens only with {set.threshold} of these cards.
          </p>
          {set.replacesKey ? (
            current.kind === 'cards' ? (
              <KeyCardInput id={`kc-current-${set.role}`} scheme={current} cards={cards} onChange={setCards} />
            ) : (
              <>
                <label htmlFor={`kc-current-passphrase-${set.role}`}>Current {set.role === 'vault' ? 'vault' : 'seed'} master passphrase</label>
                <SecretInput id={`kc-current-passphrase-${set.role}`} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              </>
            )
          ) : null}
          <label className="check">
            <input type="checkbox" checked={leaveBehind} onChange={(e) => setLeaveBehind(e.target.checked)} />
            Leave behind the {role} sticks that are not inserted (they keep the old key until updated)
          </label>
          <button type="button" disabled={request.busy || !keyGiven} onClick={() => void rekey()}>
            Re-key the {role} with these cards
          </button>
        </div>
      )}
      <button type="button" className="secondary" disabled={request.busy} onClick={() => void discard()}>
        Discard this set
      </button>
      {request.notice}
    </section>
  );
}
