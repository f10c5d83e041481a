import { api } from '../../api';
import { organisationOf, PrepareShell, type Contact, type PrepareCommon, type Preparation, type SheetDetails } from './PrepareShell';
import type { MediumRole } from '../../../src-main/contract/media-views';

const emptyContact = (): Contact => ({ name: '', role: '', phone: '', email: '' });
const MAX_CONTACTS = 8;

/** The vault's or the seed store's emergency sheet: where the sticks are, how the passphrase is kept, whom to call. */
export function EmergencySheetForm({ common, role }: { readonly common: PrepareCommon; readonly role: MediumRole }) {
  const { custody, holders, network, contacts } = common.sheet;
  const change = (part: Partial<SheetDetails>) => common.onSheet({ ...common.sheet, ...part });
  const setCustody = (value: SheetDetails['custody']) => change({ custody: value });
  const setHolders = (value: string) => change({ holders: value });
  const setNetwork = (value: string) => change({ network: value });
  const setContacts = (value: readonly Contact[]) => change({ contacts: value });

  const prepare = (): Preparation => {
    const names = holders.split('\n').map((n) => n.trim()).filter(Boolean);
    if (custody === 'kept-by' && names.length === 0) return 'Type the names of the custodians who keep the passphrase, one per line.';
    const filled = contacts.filter((c) => c.name.trim() || c.role.trim() || c.phone.trim() || c.email.trim());
    if (filled.some((c) => !c.name.trim())) return 'Every contact needs a name.';
    return () =>
      api().prepareEmergencySheet({
        role,
        paper: common.paper,
        passphrase: custody === 'write-in' ? { kind: 'write-in' } : { kind: 'kept-by', holders: names },
        ...(network.trim() ? { networkLocation: network.trim() } : {}),
        contacts: filled.map((c) => ({
          name: c.name.trim(),
          role: c.role.trim(),
          ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
          ...(c.email.trim() ? { email: c.email.trim() } : {}),
        })),
        ...organisationOf(common),
      });
  };

  return (
    <PrepareShell common={common} prepare={prepare} job="Preparing the document" hint="Laying out the pages">
      <fieldset>
        <legend>The master passphrase on the sheet</legend>
        <label className="checkbox">
          <input type="radio" name="print-custody" checked={custody === 'write-in'} onChange={() => setCustody('write-in')} /> A box to write it in by hand
          after printing
        </label>
        <label className="checkbox">
          <input type="radio" name="print-custody" checked={custody === 'kept-by'} onChange={() => setCustody('kept-by')} /> Not written down: kept by named
          custodians
        </label>
        {custody === 'kept-by' ? (
          <>
            <label htmlFor="print-holders">Custodians who keep it, one per line</label>
            <textarea id="print-holders" rows={3} value={holders} onChange={(e) => setHolders(e.target.value)} />
          </>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <label htmlFor="print-network">Network copy, in words (optional)</label>
        <input id="print-network" value={network} maxLength={200} placeholder="None" onChange={(e) => setNetwork(e.target.value)} />
      </div>
      <ContactsFieldset contacts={contacts} onChange={setContacts} />
    </PrepareShell>
  );
}

function ContactsFieldset({ contacts, onChange }: { readonly contacts: readonly Contact[]; readonly onChange: (contacts: readonly Contact[]) => void }) {
  const update = (index: number, field: keyof Contact, value: string) => onChange(contacts.map((c, i) => (i === index ? { ...c, [field]: value } : c)));
  return (
    <fieldset>
      <legend>Whom to call</legend>
      {contacts.length === 0 ? <p className="hint">No contacts yet: the sheet will ask for them to be added.</p> : null}
      {contacts.map((c, i) => (
        <div key={i} className="contact-row" role="group" aria-label={`Contact ${i + 1}`}>
          <input aria-label="Name" placeholder="Name" value={c.name} maxLength={100} onChange={(e) => update(i, 'name', e.target.value)} />
          <input aria-label="Why to call" placeholder="Why to call" value={c.role} maxLength={100} onChange={(e) => update(i, 'role', e.target.value)} />
          <input aria-label="Phone" placeholder="Phone" value={c.phone} maxLength={40} onChange={(e) => update(i, 'phone', e.target.value)} />
          <input aria-label="E-mail" placeholder="E-mail" value={c.email} maxLength={200} onChange={(e) => update(i, 'email', e.target.value)} />
          <button type="button" className="secondary" onClick={() => onChange(contacts.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      {contacts.length < MAX_CONTACTS ? (
        <div className="row">
          <button type="button" className="secondary" onClick={() => onChange([...contacts, emptyContact()])}>
            Add a contact
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
