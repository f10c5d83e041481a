import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AccountView, BreakGlassOpenView } from '../../src-main/contract/custody-views';
import { api, type ChannelError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProgressPanel } from '../components/ProgressPanel';
import { labelledSticks, useInsertedMedia } from '../components/use-inserted-media';
import { keyCardEntries, keyCardsGiven } from '../components/KeyCardInput';
import type { KeySchemeView } from '../../src-main/contract/key-card-views';
import { BreakGlassHalf, forgottenKey, useHalfEntry, type HalfEntry } from './break-glass/BreakGlassHalf';
import { BreakGlassMfaChoice, effectiveRoute, type MfaRoute } from './break-glass/BreakGlassMfaChoice';
import { OpenBreakGlass, type Closed } from './break-glass/OpenBreakGlass';

/**
 * "I need to log in as root": both halves of one account's root login, opened together from a vault stick and a
 * seed stick with two passphrases and a reason on record, or, where root's MFA is a hardware token, from the vault
 * stick and the token taken out of the safe (still by two custodians). Leaving the screen closes it and main wipes it.
 */
export function BreakGlassScreen({ custodian }: { readonly custodian: string }) {
  const [open, setOpen] = useState<BreakGlassOpenView | null>(null);
  const [closed, setClosed] = useState<Closed | null>(null);
  const sessionRef = useRef<string | null>(null);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      const sessionId = sessionRef.current;
      sessionRef.current = null;
      if (sessionId) void api().closeBreakGlass({ sessionId });
    };
  }, []);

  const opened = (view: BreakGlassOpenView) => {
    // The custodian may have left the screen while Argon2 ran: nobody is looking, so wipe at once.
    if (!mounted.current) return void api().closeBreakGlass({ sessionId: view.sessionId });
    sessionRef.current = view.sessionId;
    setClosed(null);
    setOpen(view);
  };

  const onClosed = useCallback((why: Closed) => {
    sessionRef.current = null;
    setOpen(null);
    setClosed(why);
  }, []);

  return (
    <section className="screen" aria-labelledby="breakglass-title">
      <h1 id="breakglass-title">Break-glass: I need to log in as root</h1>
      {open ? (
        <OpenBreakGlass view={open} onClosed={onClosed} />
      ) : (
        <>
          <p className="lead">
            Opens one account’s root password and its MFA code, from a vault stick and a seed stick, each with its own master
            passphrase; where root’s MFA is a hardware token, the token is taken from the safe instead of the seed stick. The
            reason and both names go on the audit trail. The secrets stay on screen only until you close this.
          </p>
          {closed ? (
            <div className={closed.kind === 'ok' ? 'notice notice-ok' : 'notice notice-info'} role="status">
              {closed.why}
            </div>
          ) : null}
          <BreakGlassForm custodian={custodian} onOpened={opened} />
        </>
      )}
    </section>
  );
}

function BreakGlassForm({ custodian, onOpened }: { readonly custodian: string; readonly onOpened: (view: BreakGlassOpenView) => void }) {
  const [accounts, setAccounts] = useState<readonly AccountView[]>([]);
  const { media, error: mediaError } = useInsertedMedia();
  const [accountId, setAccountId] = useState('');
  const [reason, setReason] = useState('');
  const [vault, changeVault] = useHalfEntry(custodian);
  // Two-person control: the second custodian is always named by hand, never filled in.
  const [seed, changeSeed] = useHalfEntry('');
  // A role under key cards is opened with k scanned cards in place of its passphrase.
  const [schemes, setSchemes] = useState<readonly KeySchemeView[]>([]);
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  // Where the focus goes once a refusal is on screen: moved in an effect, after the message exists, never before.
  const [focusWanted, setFocusWanted] = useState<{ readonly target: string; readonly n: number } | null>(null);
  useEffect(() => {
    if (!focusWanted) return;
    (focusWanted.target === 'error' ? errorRef.current : document.getElementById(focusWanted.target))?.focus();
  }, [focusWanted]);
  const focusOn = (target: string) => setFocusWanted((last) => ({ target, n: (last?.n ?? 0) + 1 }));
  const [opening, setOpening] = useState(false);
  const [chosenRoute, setChosenRoute] = useState<MfaRoute>('seed');
  const [chosenToken, setChosenToken] = useState('');

  const vaults = useMemo(() => labelledSticks(media, 'vault'), [media]);
  const seeds = useMemo(() => labelledSticks(media, 'seed'), [media]);

  useEffect(() => {
    void api()
      .keySchemes({})
      .then((result) => (result.ok ? setSchemes(result.value) : setError(result.error)));
  }, []);
  const vaultScheme = schemes.find((s) => s.role === 'vault' && s.kind === 'cards') as Extract<KeySchemeView, { kind: 'cards' }> | undefined;
  const seedScheme = schemes.find((s) => s.role === 'seed' && s.kind === 'cards') as Extract<KeySchemeView, { kind: 'cards' }> | undefined;

  useEffect(() => {
    void api()
      .listAccounts({})
      .then((result) => (result.ok ? setAccounts(result.value.filter((a) => a.rootCredentialStatus === 'custodied')) : setError(result.error)));
  }, []);

  // Offer the stick that holds the newest generation; follow sticks being pulled out or plugged in.
  useEffect(() => {
    if (!vaults.some((m) => m.devicePath === vault.device)) changeVault({ device: vaults[0]?.devicePath ?? '' });
    if (!seeds.some((m) => m.devicePath === seed.device)) changeSeed({ device: seeds[0]?.devicePath ?? '' });
  }, [vaults, seeds, vault.device, seed.device, changeVault, changeSeed]);

  // Another account may offer other MFA devices: its choice starts again from the seed stick.
  const chooseAccount = (id: string) => {
    setAccountId(id);
    setChosenRoute('seed');
    setChosenToken('');
  };
  const account = accounts.find((a) => a.accountId === accountId);
  const route = effectiveRoute(account, chosenRoute);
  const useSeed = route !== 'token';
  const inSafe = account?.tokens.filter((t) => t.state === 'in-safe') ?? [];
  // The token asked for by id, when one is in the safe; a token account with none in the safe opens the password only.
  const tokenId = route === 'seed' ? undefined : (inSafe.find((t) => t.tokenId === chosenToken) ?? inSafe[0])?.tokenId;

  const check = (): { field: string; text: string } | null => {
    if (!accountId) return { field: 'bg-account', text: 'Choose the account you need to log in to.' };
    if (reason.trim().length < 10) return { field: 'bg-reason', text: 'Say why root access is needed, in a short sentence: it goes on the audit trail.' };
    if (!vault.device) return { field: 'bg-vault-stick', text: 'Insert a vault stick and choose it.' };
    if (useSeed && !seed.device) return { field: 'bg-seed-stick', text: 'Insert a seed stick and choose it.' };
    if (!vault.who.trim()) return { field: 'bg-vault-who', text: 'Say who types the vault passphrase.' };
    if (!seed.who.trim())
      return { field: 'bg-seed-who', text: `Name the second custodian${useSeed ? ', who types the seed passphrase' : ''}: break-glass takes two registered custodians.` };
    if (vaultScheme ? !keyCardsGiven(vaultScheme, vault.cards) : !vault.passphrase)
      return { field: 'bg-vault-passphrase', text: vaultScheme ? `Scan (or type) ${vaultScheme.threshold} vault key cards.` : 'Type the vault master passphrase.' };
    if (useSeed && (seedScheme ? !keyCardsGiven(seedScheme, seed.cards) : !seed.passphrase))
      return { field: 'bg-seed-passphrase', text: seedScheme ? `Scan (or type) ${seedScheme.threshold} seed store key cards.` : 'Type the seed master passphrase.' };
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const missing = check();
    setProblem(missing);
    if (missing) {
      document.getElementById(missing.field)?.focus();
      return;
    }
    const keyOf = (scheme: unknown, entry: HalfEntry) => (scheme ? { cards: keyCardEntries(entry.cards) } : entry.passphrase);
    const request = {
      accountId,
      reason,
      vaultDevicePath: vault.device,
      vaultPassphrase: keyOf(vaultScheme, vault),
      ...(useSeed ? { seedDevicePath: seed.device, seedPassphrase: keyOf(seedScheme, seed) } : {}),
      vaultCustodian: vault.who,
      seedCustodian: seed.who,
      ...(tokenId ? { tokenId } : {}),
    };
    setOpening(true);
    const result = await api().openBreakGlass(request);
    setOpening(false);
    if (!result.ok) {
      const half = result.error.code === 'KDBX_WRONG_PASSPHRASE' ? result.error.details?.['half'] : undefined;
      if (half === 'vault' || half === 'seed') {
        // Only the passphrase that was wrong is wiped; the message sits beside that field and takes the focus.
        (half === 'vault' ? changeVault : changeSeed)(forgottenKey());
        const field = half === 'vault' ? 'bg-vault-passphrase' : 'bg-seed-passphrase';
        setProblem({ field, text: `${result.error.message} Type the ${half === 'vault' ? 'vault' : 'seed'} master passphrase again.` });
        focusOn(`${field}-problem`);
        return;
      }
      // Not about a passphrase: nothing typed was found wrong, so nothing is wiped; the message takes the focus.
      setError(result.error);
      focusOn('error');
      return;
    }
    changeVault(forgottenKey());
    changeSeed(forgottenKey());
    setReason('');
    onOpened(result.value);
  };

  const invalid = (field: string) =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': field.endsWith('-passphrase') ? `${field}-problem` : 'bg-problem' } : {};
  const ordered = [...accounts].sort((a, b) => Number(b.enrolledAt !== null) - Number(a.enrolledAt !== null) || a.name.localeCompare(b.name));

  return (
    <form className="breakglass-form" onSubmit={(event) => void submit(event)} aria-label="Open root access" noValidate>
      {mediaError ? <ErrorNotice error={mediaError} /> : null}
      <fieldset disabled={opening} className="bg-fields">
        <div className="form-grid">
          <label htmlFor="bg-account">Account</label>
          <select id="bg-account" value={accountId} onChange={(e) => chooseAccount(e.target.value)} {...invalid('bg-account')}>
            <option value="">Choose the account…</option>
            {ordered.map((a) => (
              <option key={a.accountId} value={a.accountId}>
                {a.name} — {a.accountId}
                {a.enrolledAt ? '' : ' (not enrolled on this kiosk)'}
              </option>
            ))}
          </select>
          <label htmlFor="bg-reason">Why is root access needed?</label>
          <textarea id="bg-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} {...invalid('bg-reason')} />
        </div>
        <BreakGlassMfaChoice account={account} route={chosenRoute} onRoute={setChosenRoute} tokenId={tokenId ?? ''} onToken={setChosenToken} />

        <div className="bg-halves">
          <BreakGlassHalf
            role="vault"
            sticks={vaults}
            entry={vault}
            onChange={changeVault}
            scheme={vaultScheme}
            problem={problem}
            invalid={invalid}
          />
          {useSeed ? (
            <BreakGlassHalf
              role="seed"
              hint="A second registered custodian, not the one who types the vault passphrase."
              sticks={seeds}
              entry={seed}
              onChange={changeSeed}
              scheme={seedScheme}
              problem={problem}
              invalid={invalid}
            />
          ) : (
            <fieldset className="bg-half bg-half-seed">
              <legend>Two-person control</legend>
              <label htmlFor="bg-seed-who">Second custodian</label>
              <input id="bg-seed-who" autoComplete="off" value={seed.who} onChange={(e) => changeSeed({ who: e.target.value })} {...invalid('bg-seed-who')} />
              <p className="hint">A second registered custodian, not the one who types the vault passphrase: the token is checked out to both of you.</p>
            </fieldset>
          )}
        </div>
        {/* A refusal is said where the custodian is looking, beside the Open button, not at the top of the page. */}
        {problem && !problem.field.endsWith('-passphrase') ? (
          <div id="bg-problem" className="notice notice-error" role="alert">
            {problem.text}
          </div>
        ) : null}
        <ErrorNotice error={error} ref={errorRef} />
        <div className="row">
          <button type="submit">Open</button>
        </div>
      </fieldset>
      <ProgressPanel
        active={opening}
        job={useSeed ? 'Opening the vault and the seed store' : 'Opening the vault'}
        hint={useSeed ? 'Checking both passphrases and unlocking the files. This takes a few seconds' : 'Checking the passphrase and unlocking the vault. This takes a few seconds'}
      />
    </form>
  );
}

