import { useState } from 'react';
import type { PendingWorkView } from '../src-main/contract/transaction-views';
import { api } from './api';
import { AirGapNotice } from './components/AirGapNotice';
import { CustodyStatus } from './components/CustodyStatus';
import { Notice } from './components/Notice';
import { useConfirmFocus } from './components/use-confirm-focus';
import { PracticeBadge } from './components/PracticeBadge';
import { TamperAlarmNotice } from './components/TamperAlarmNotice';
import { AccountsScreen } from './screens/AccountsScreen';
import { AuditScreen } from './screens/AuditScreen';
import { BreakGlassScreen } from './screens/BreakGlassScreen';
import { CloudTrailScreen } from './screens/CloudTrailScreen';
import { CustodianScreen } from './screens/CustodianScreen';
import { CustodiansScreen } from './screens/CustodiansScreen';
import { KeyCardsScreen } from './screens/KeyCardsScreen';
import { MediaScreen } from './screens/MediaScreen';
import { VerifyScreen } from './screens/VerifyScreen';
import { PrintScreen } from './screens/PrintScreen';
import { TokensScreen } from './screens/TokensScreen';
import { useSession } from './use-session';

const SCREENS = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'media', label: 'Media' },
  { id: 'print', label: 'Print' },
  { id: 'verify', label: 'Verify' },
  { id: 'breakglass', label: 'Break-glass' },
  { id: 'cloudtrail', label: 'CloudTrail' },
  { id: 'tokens', label: 'Tokens' },
  { id: 'keycards', label: 'Key cards' },
  { id: 'custodians', label: 'Custodians' },
  { id: 'audit', label: 'Audit' },
] as const;
type ScreenId = (typeof SCREENS)[number]['id'];

export function App() {
  const { status, setStatus } = useSession();
  const [screen, setScreen] = useState<ScreenId>('accounts');
  const [losing, setLosing] = useState<readonly PendingWorkView[] | null>(null);
  const signOutFocus = useConfirmFocus(losing !== null);

  if (!status) return <main className="loading">Opening the catalog…</main>;
  if (!status.custodian) return <CustodianScreen status={status} onSignedIn={setStatus} />;

  // Signing out forgets work held in memory (an enrolment whose password may already be set on AWS): ask first.
  const signOut = async (confirmed = false) => {
    if (!confirmed) {
      const pending = await api().pendingWork({});
      if (pending.ok && pending.value.length > 0) return setLosing(pending.value);
    }
    const result = await api().signOut(confirmed ? { discardPendingWork: true } : {});
    setLosing(null);
    if (result.ok) setStatus(result.value);
  };

  return (
    <div className="layout">
      <header className="topbar">
        <span className="brand">Strongroom</span>
        <PracticeBadge practiceMode={status.practiceMode} />
        <nav aria-label="Jobs">
          {SCREENS.map((item) => (
            <button
              key={item.id}
              type="button"
              className={item.id === screen ? 'nav-item active' : 'nav-item'}
              aria-current={item.id === screen ? 'page' : undefined}
              onClick={() => setScreen(item.id)}
            >
              {item.label}
            </button>
          ))}
        </nav>
        <span className="who">
          {status.custodian}
          <button type="button" className="link" ref={signOutFocus.ask} onClick={() => void signOut()}>
            Sign out
          </button>
        </span>
      </header>
      {losing ? (
        <Notice tone="error" className="sign-out-confirm" role="alertdialog" label="Sign out and lose work in progress?" title="Signing out forgets work in progress:">
          <ul>
            {losing.map((item) => (
              <li key={`${item.kind}-${item.accountId}`}>{item.sentence}</li>
            ))}
          </ul>
          <p>Locking the kiosk keeps it for you instead: it is wiped only when Strongroom is closed.</p>
          <div className="row">
            <button type="button" className="danger" onClick={() => void signOut(true)}>
              Sign out and lose it
            </button>
            <button type="button" className="secondary" ref={signOutFocus.safe} onClick={() => setLosing(null)}>
              Stay signed in
            </button>
          </div>
        </Notice>
      ) : null}
      {/* The most serious notice first; keyed by screen so open alarms are read afresh on every change of screen. */}
      <TamperAlarmNotice key={`alarms-${screen}`} />
      <AirGapNotice />
      {/* Keyed by screen so the custody status is read afresh on every change of screen. */}
      <CustodyStatus key={screen} onOpenVerify={() => setScreen('verify')} />
      <main className="content">{renderScreen(screen, status, setStatus)}</main>
    </div>
  );
}

function renderScreen(screen: ScreenId, status: NonNullable<ReturnType<typeof useSession>['status']>, setStatus: (s: typeof status) => void) {
  switch (screen) {
    case 'audit':
      return <AuditScreen status={status} onStatus={setStatus} />;
    case 'accounts':
      return <AccountsScreen />;
    case 'media':
      return <MediaScreen />;
    case 'print':
      return <PrintScreen />;
    case 'verify':
      return <VerifyScreen />;
    case 'breakglass':
      return <BreakGlassScreen custodian={status.custodian ?? ''} />;
    case 'cloudtrail':
      return <CloudTrailScreen />;
    case 'tokens':
      return <TokensScreen custodian={status.custodian ?? ''} />;
    case 'keycards':
      return <KeyCardsScreen />;
    case 'custodians':
      return <CustodiansScreen custodian={status.custodian ?? ''} />;
  }
}
