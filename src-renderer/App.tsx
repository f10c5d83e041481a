import { useState } from 'react';
import { api } from './api';
import { AirGapNotice } from './components/AirGapNotice';
import { CustodyStatus } from './components/CustodyStatus';
import { AccountsScreen } from './screens/AccountsScreen';
import { AuditScreen } from './screens/AuditScreen';
import { BreakGlassScreen } from './screens/BreakGlassScreen';
import { CloudTrailScreen } from './screens/CloudTrailScreen';
import { CustodianScreen } from './screens/CustodianScreen';
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
  { id: 'audit', label: 'Audit' },
] as const;
type ScreenId = (typeof SCREENS)[number]['id'];

export function App() {
  const { status, setStatus } = useSession();
  const [screen, setScreen] = useState<ScreenId>('accounts');

  if (!status) return <main className="loading">Opening the catalog…</main>;
  if (!status.custodian) return <CustodianScreen status={status} onSignedIn={setStatus} />;

  const signOut = async () => {
    const result = await api().signOut({});
    if (result.ok) setStatus(result.value);
  };

  return (
    <div className="layout">
      <header className="topbar">
        <span className="brand">Strongroom</span>
        {status.practiceMode ? <span className="badge badge-practice">PRACTICE — simulated media</span> : null}
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
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <AirGapNotice />
      <CustodyStatus onOpenVerify={() => setScreen('verify')} />
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
  }
}
