import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AccountView } from '../../src-main/contract/custody-views';
import type { DetectedTokenView, TokenReportView, TokenView } from '../../src-main/contract/token-views';
import { api, type ChannelError } from '../api';
import { AddTokenForm } from '../components/AddTokenForm';
import { ErrorNotice } from '../components/ErrorNotice';
import { TokenActions } from '../components/TokenActions';
import { useTokens } from '../components/use-tokens';
import { formatTime } from '../format';
import { ColumnHeads } from '../components/ColumnHeads';

export function TokensScreen({ custodian }: { readonly custodian: string }) {
  const { overview, error, setError, reload } = useTokens();
  const [accounts, setAccounts] = useState<readonly AccountView[]>([]);
  const [report, setReport] = useState<TokenReportView | null>(null);
  const [adding, setAdding] = useState<{ from: DetectedTokenView | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refreshSideData = useCallback(async () => {
    const [listed, summary] = await Promise.all([api().listAccounts({}), api().tokenReport({})]);
    if (listed.ok) setAccounts(listed.value);
    if (summary.ok) setReport(summary.value);
  }, []);

  useEffect(() => {
    void refreshSideData();
  }, [refreshSideData, overview?.version]);

  const done = (sentence: string) => {
    setNotice(sentence);
    setError(null);
    void reload();
  };

  const checkInDetected = async (tokenId: string, detected: DetectedTokenView) => {
    setNotice(null);
    const result = await api().checkInToken({ tokenId, identification: { detectedDeviceId: detected.deviceId } });
    if (!result.ok) return setError(result.error);
    done(`${tokenId} is back in the safe (${result.value.location}), identified over USB.`);
  };

  const recordSeen = async (detected: DetectedTokenView) => {
    setNotice(null);
    const result = await api().presentToken({ identification: { detectedDeviceId: detected.deviceId } });
    if (!result.ok) return setError(result.error);
    done(result.value.token ? `${result.value.token.tokenId} recorded as seen.` : result.value.sentence);
  };

  return (
    <section className="screen" aria-labelledby="tokens-title">
      <h1 id="tokens-title">Tokens</h1>
      <p className="lead">
        Hardware MFA devices kept in the safe for root users: FIDO security keys and hardware TOTP display tokens. Record
        which accounts each protects, who takes one out and why, and bring it back in by plugging it in or typing its serial.
      </p>
      {overview && !overview.hid.available ? (
        <div className="notice notice-warn" role="status" data-hid="unavailable">
          {overview.hid.sentence}
        </div>
      ) : null}
      {overview?.scanError ? (
        <div className="notice notice-warn" role="status">
          {overview.scanError}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {notice ? (
        <div className="notice notice-ok" role="status">
          {notice}
        </div>
      ) : null}

      <section aria-labelledby="detected-title">
        <h2 id="detected-title">Plugged in now</h2>
        {overview?.hid.available ? <p className="hint">{overview.hid.sentence}</p> : null}
        <IdentifyBySerial onDone={done} onError={setError} />
        {overview && overview.detected.length === 0 ? <p className="empty">No security key is plugged in.</p> : null}
        <div className="cards">
          {overview?.detected.map((detected) => (
            <DetectedCard
              key={detected.deviceId}
              detected={detected}
              tokens={overview.tokens}
              onCheckIn={(tokenId) => void checkInDetected(tokenId, detected)}
              onSeen={() => void recordSeen(detected)}
              onAdd={() => setAdding({ from: detected })}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="inventory-title">
        <h2 id="inventory-title">Inventory</h2>
        <div className="actions">
          <button type="button" className={adding ? '' : 'secondary'} aria-expanded={adding !== null} onClick={() => setAdding(adding ? null : { from: null })}>
            Add a token
          </button>
        </div>
        {adding ? (
          <AddTokenForm
            key={adding.from?.deviceId ?? 'typed'}
            accounts={accounts}
            from={adding.from}
            onAdded={(token) => {
              setAdding(null);
              done(`Added ${token.tokenId} (${token.model}, serial ${token.serial}).`);
            }}
            onCancel={() => setAdding(null)}
          />
        ) : null}
        {overview ? <InventoryTable tokens={overview.tokens} accounts={accounts} custodian={custodian} onDone={done} /> : <p className="muted">Loading the inventory…</p>}
      </section>

      {report ? <TokenReport report={report} /> : null}
    </section>
  );
}

/** A token with no USB (a display token), or a key that hides its serial: shown by the serial printed on it. */
function IdentifyBySerial({ onDone, onError }: { readonly onDone: (sentence: string) => void; readonly onError: (error: ChannelError) => void }) {
  const [serial, setSerial] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api().presentToken({ identification: { typedSerial: serial } });
    if (!result.ok) return onError(result.error);
    setSerial('');
    onDone(result.value.token ? `${result.value.token.tokenId} (${result.value.token.model}) is ${result.value.token.stateWords}; recorded as seen.` : result.value.sentence);
  };
  return (
    <form className="row" noValidate onSubmit={(event) => void submit(event)} aria-label="Identify a token by its serial">
      <label htmlFor="present-serial">Token without USB, or one that hides its serial — serial printed on it:</label>
      <input id="present-serial" autoComplete="off" spellCheck={false} value={serial} onChange={(e) => setSerial(e.target.value)} />
      <button type="submit" className="secondary" disabled={serial.trim() === ''}>
        Identify
      </button>
    </form>
  );
}

function DetectedCard({
  detected,
  tokens,
  onCheckIn,
  onSeen,
  onAdd,
}: {
  readonly detected: DetectedTokenView;
  readonly tokens: readonly TokenView[];
  readonly onCheckIn: (tokenId: string) => void;
  readonly onSeen: () => void;
  readonly onAdd: () => void;
}) {
  const match = detected.match;
  const token = match.outcome === 'identified' ? tokens.find((t) => t.tokenId === match.tokenId) : undefined;
  return (
    <article className="card" aria-label={`Plugged-in ${detected.product ?? 'security key'}`} data-device={detected.deviceId}>
      <header>
        <h3>{[detected.manufacturer, detected.product].filter(Boolean).join(' ') || `USB device ${detected.usbId}`}</h3>
      </header>
      <dl className="facts">
        <dt>Serial</dt>
        <dd>{detected.serial ? `${detected.serial.value} (${detected.serial.sourceWords})` : 'not readable'}</dd>
        <dt>Model (AAGUID)</dt>
        <dd className="mono">{detected.fido?.aaguid ?? '—'}</dd>
        <dt>Protocols</dt>
        <dd>{detected.fido?.versions.join(', ') ?? '—'}</dd>
      </dl>
      {detected.problems.map((problem) => (
        <p key={problem} className="hint">
          {problem}
        </p>
      ))}
      <p className={match.outcome === 'mismatch' ? 'refusal' : undefined} data-match={match.outcome}>
        <strong>{detected.sentence}</strong>
      </p>
      <div className="actions">
        {token?.state === 'checked-out' ? <button type="button" onClick={() => onCheckIn(token.tokenId)}>Check in {token.tokenId}</button> : null}
        {token && token.state === 'in-safe' ? (
          <button type="button" className="secondary" onClick={onSeen}>
            Record {token.tokenId} as seen
          </button>
        ) : null}
        {match.outcome === 'unknown' ? (
          <button type="button" className="secondary" onClick={onAdd}>
            Add to the inventory
          </button>
        ) : null}
      </div>
    </article>
  );
}

function InventoryTable({
  tokens,
  accounts,
  custodian,
  onDone,
}: {
  readonly tokens: readonly TokenView[];
  readonly accounts: readonly AccountView[];
  readonly custodian: string;
  readonly onDone: (sentence: string) => void;
}) {
  if (tokens.length === 0) return <p className="empty">No token is in the inventory yet.</p>;
  return (
    <table className="data-table tokens-table">
      <caption className="visually-hidden">Token inventory</caption>
      <ColumnHeads columns={['Token', 'Kind and model', 'Serial', 'Kept at', 'State', 'Protects', 'Last seen']} />
      <tbody>
        {tokens.map((token) => (
          <TokenRows key={token.tokenId} token={token} accounts={accounts} custodian={custodian} onDone={onDone} />
        ))}
      </tbody>
    </table>
  );
}

function TokenRows({ token, accounts, custodian, onDone }: { readonly token: TokenView; readonly accounts: readonly AccountView[]; readonly custodian: string; readonly onDone: (sentence: string) => void }) {
  const out = token.checkout;
  return (
    <>
      <tr data-token={token.tokenId} className={!token.counts || out?.overdue ? 'row-flagged' : undefined}>
        <th scope="row" className="mono nowrap">
          {token.tokenId}
        </th>
        <td>
          {token.kindWords}
          <div className="muted">{[token.make, token.model].filter(Boolean).join(' ')}</div>
        </td>
        <td className="mono">{token.serial}</td>
        <td>{token.location}</td>
        <td data-state={token.state}>
          {out ? (
            <>
              checked out to {out.custodians.join(' and ')} since {formatTime(out.checkedOutAt)}
              {out.overdue ? <strong className="warn"> — overdue (due {formatTime(out.dueAt)})</strong> : null}
              <div className="muted">{out.reason}</div>
            </>
          ) : (
            <>
              {token.stateWords}
              {token.stateReason && !token.counts ? <div className="muted">{token.stateReason}</div> : null}
            </>
          )}
        </td>
        <td>{token.accounts.length ? token.accounts.map((a) => `${a.name || a.accountId} (${a.accountId})`).join(', ') : <span className="muted">no account</span>}</td>
        <td>{token.lastSeenAt ? `${formatTime(token.lastSeenAt)} (${token.lastSeenHow === 'hid' ? 'read over USB' : 'serial typed'})` : 'never'}</td>
      </tr>
      <tr className="token-actions-row">
        <td colSpan={7}>
          <TokenActions token={token} accounts={accounts} custodian={custodian} onDone={onDone} />
        </td>
      </tr>
    </>
  );
}

function TokenReport({ report }: { readonly report: TokenReportView }) {
  const section = (title: string, rows: readonly { key: string; text: string }[]) => (
    <div>
      <h3>
        {title}: {rows.length === 0 ? 'none' : rows.length}
      </h3>
      {rows.length ? (
        <ul>
          {rows.map((r) => (
            <li key={r.key}>{r.text}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
  return (
    <section aria-labelledby="token-report-title" className="token-report">
      <h2 id="token-report-title">Root MFA summary</h2>
      <p className="hint">Across {report.accountsChecked} account(s) whose root credentials are kept here, as the CIS AWS Foundations benchmark asks.</p>
      {section('Accounts without hardware MFA', report.accountsWithoutHardwareMfa.map((a) => ({ key: a.accountId, text: `${a.name} (${a.accountId}): ${a.note}` })))}
      {section('Accounts resting on a single MFA device', report.accountsWithSingleMfaDevice.map((a) => ({ key: a.accountId, text: `${a.name} (${a.accountId}): ${a.device}` })))}
      {section('Lost or revoked tokens still registered', report.accountsToReregister.map((a) => ({ key: `${a.accountId}-${a.tokenId}`, text: a.sentence })))}
      {section(`Tokens not seen for more than ${report.intervalDays} days`, report.tokensNotSeen.map((t) => ({ key: t.tokenId, text: `${t.tokenId} ${t.model} (serial ${t.serial}): ${t.lastSeenAt ? `last seen ${formatTime(t.lastSeenAt)}` : 'never seen since it was added'}` })))}
      {section('Check-outs overdue', report.overdueCheckouts.map((c) => ({ key: c.tokenId, text: `${c.tokenId} with ${c.custodians.join(' and ')}, due back ${formatTime(c.dueAt)}` })))}
    </section>
  );
}

