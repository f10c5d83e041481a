import { useCallback, useEffect, useState } from 'react';
import type { KeyCardRekeyView, KeySchemeView, PreparedKeyCardSetView } from '../../src-main/contract/key-card-views';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { useRequest } from '../components/use-request';
import { formatInstant } from '../format';
import { DrawKeyCardsForm } from './key-cards/DrawKeyCardsForm';
import { PreparedKeyCardsPanel } from './key-cards/PreparedKeyCardsPanel';

const ROLE_TITLE = { vault: 'Vault', seed: 'Seed store' } as const;
const ROLES = ['vault', 'seed'] as const;
type HeldSets = Readonly<Partial<Record<(typeof ROLES)[number], PreparedKeyCardSetView>>>;

/**
 * Key cards: how each role opens today, and putting a role under k-of-n cards (draw, print each card for its
 * holder, re-key), over the same desk methods as `strongroom keycards draw`.
 */
export function KeyCardsScreen() {
  const [schemes, setSchemes] = useState<readonly KeySchemeView[]>([]);
  const [custodians, setCustodians] = useState<readonly string[]>([]);
  // One set per role can be drawn and not yet re-keyed (a vault set and a seed set at once): each is shown.
  const [prepared, setPrepared] = useState<HeldSets>({});
  const [done, setDone] = useState<KeyCardRekeyView | null>(null);
  const request = useRequest();
  const { run } = request;

  const load = useCallback(async () => {
    await run(() => api().keySchemes({}), setSchemes);
    await run(() => api().custodianRoster({}), (roster) => setCustodians(roster.map((c) => c.name)));
    // Sets drawn earlier in this sign-in (their holders may still be at the printer) are picked up again.
    const held: Partial<Record<(typeof ROLES)[number], PreparedKeyCardSetView>> = {};
    for (const role of ROLES) {
      const set = await run(() => api().preparedKeyCards({ role }));
      if (set) held[role] = set;
    }
    setPrepared(held);
  }, [run]);

  const keep = (role: (typeof ROLES)[number], set: PreparedKeyCardSetView | null) =>
    setPrepared((sets) => {
      const next = { ...sets };
      if (set) next[role] = set;
      else delete next[role];
      return next;
    });
  const held = ROLES.flatMap((role) => {
    const set = prepared[role];
    const current = schemes.find((s) => s.role === role);
    return set && current ? [{ set, current }] : [];
  });

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="key-cards-screen" aria-labelledby="key-cards-title">
      <h1 id="key-cards-title">Key cards</h1>
      <ul className="key-schemes" aria-label="How each role opens">
        {schemes.map((scheme) => (
          <li key={scheme.role} data-role={scheme.role} data-scheme={scheme.kind}>
            <strong>{ROLE_TITLE[scheme.role]}:</strong>{' '}
            {scheme.kind === 'cards'
              ? `any ${scheme.threshold} of ${scheme.cardCount} key cards (holders ${scheme.holders.join(', ')}; set ${scheme.setId}, since generation ${scheme.fromGeneration}, ${formatInstant(scheme.since)}).`
              : 'its master passphrase.'}
          </li>
        ))}
      </ul>
      {request.notice}
      {done ? (
        <Notice tone={done.job.status === 'complete' ? 'ok' : 'warn'} title={done.job.sentence} data={{ 'data-rekeyed': done.scheme.role }}>
          {done.scheme.kind === 'cards'
            ? `The ${done.scheme.role === 'vault' ? 'vault' : 'seed store'} now opens with any ${done.scheme.threshold} of its ${done.scheme.cardCount} key cards.`
            : null}
        </Notice>
      ) : null}
      {held.length > 0 ? (
        held.map(({ set, current }) => (
          <PreparedKeyCardsPanel
            key={set.setId}
            set={set}
            current={current}
            onChanged={(changed) => keep(set.role, changed)}
            onRekeyed={(result) => {
              keep(set.role, null);
              setDone(result);
              void load();
            }}
          />
        ))
      ) : (
        <DrawKeyCardsForm
          custodians={custodians}
          onDrawn={(set) => {
            setDone(null);
            keep(set.role, set);
          }}
        />
      )}
    </section>
  );
}
