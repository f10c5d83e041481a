import { useState } from 'react';
import type { MediaOverview, MediumCardView } from '../../../src-main/contract/media-views';
import { api } from '../../api';
import { formatBytes, formatTime, roleWords } from '../../format';
import { Notice } from '../../components/Notice';
import type { MediaAction } from './media-action';
import { LabelForm, ReplaceForm, RetireForm, SealForm, SeedCsvExportForm, WipeForm } from './MediumForms';

type OpenForm = 'label-vault' | 'label-seed' | 'wipe' | 'retire' | 'seal' | 'replace' | 'export' | null;

/** One inserted stick: what it is, how it was identified, what it holds, and what can be done with it. */
export function MediumCard({ medium, all, inService, act }: { medium: MediumCardView; all: readonly MediumCardView[]; inService: MediaOverview['inService']; act: MediaAction }) {
  const [open, setOpen] = useState<OpenForm>(null);
  const [copyFrom, setCopyFrom] = useState<MediumCardView | null>(null);
  const close = () => setOpen(null);
  const label = medium.label;
  const behind = label && medium.lastWrite ? medium.lastWrite.generation < medium.newestGeneration : false;
  const sources = label ? copySources(medium, all) : [];
  const verification = medium.lastVerification;

  return (
    <article className={`card ${label ? `card-${label.role}` : ''}`} aria-label={label ? label.mediumId : medium.model ?? medium.devicePath} data-device={medium.devicePath}>
      <header>
        <h2>{label ? `${label.mediumId} — ${roleWords(label.role)}` : 'Unlabelled stick'}</h2>
        <span className="muted">
          {[medium.vendor, medium.model].filter(Boolean).join(' ') || 'Unknown model'} · {formatBytes(medium.sizeBytes)}
          {medium.readOnly ? ' · read-only' : ''}
        </span>
      </header>
      <MediumFacts medium={medium} behind={behind} />
      {label && !label.knownToCatalog ? (
        <Notice tone="error">
          This stick carries the label {label.mediumId}, but this kiosk does not know it as this device. It may be a copy or a
          swapped stick. Do not use it; tell your security lead.
        </Notice>
      ) : null}
      {label && verification && verification.outcome !== 'passed' ? (
        <Notice tone="warn" data={{ 'data-verification': verification.outcome }}>
          <strong>
            {verification.outcome === 'failed' ? 'Failed its last verification' : 'Last verification left incomplete'} ({formatTime(verification.at)}).
          </strong>{' '}
          {verification.unmet.join(' ')}{' '}
          {verification.outcome === 'failed'
            ? `Do not rely on ${label.mediumId} until it passes again: copy the newest generation onto it from a good replica, or retire it.`
            : `Answer the checks left open on the Verify screen before relying on ${label.mediumId}.`}
        </Notice>
      ) : null}
      {!label ? (
        <div className="actions">
          {(['vault', 'seed'] as const).map((role) => (
            <button key={role} type="button" disabled={!medium.canTake[role].allowed || medium.readOnly} onClick={() => setOpen(`label-${role}`)}>
              Use as {role} medium
            </button>
          ))}
          {(['vault', 'seed'] as const)
            .filter((role) => !medium.canTake[role].allowed)
            .map((role) => (
              <p key={role} className="refusal">
                Cannot be a {role} medium: {medium.canTake[role].reasons.join(' ')}
              </p>
            ))}
          {medium.readOnly ? <p className="refusal">This stick is read-only; slide its write-protect switch off to use it.</p> : null}
          {inService.length > 0 && !medium.readOnly ? (
            <button type="button" className="secondary" onClick={() => setOpen('replace')}>
              Use as a replacement for…
            </button>
          ) : null}
        </div>
      ) : (
        <div className="actions">
          {sources.map((source) => (
            <button key={source.devicePath} type="button" onClick={() => setCopyFrom(source)}>
              Copy newest from {source.label?.mediumId}…
            </button>
          ))}
          <button type="button" onClick={() => void act(() => ejectAndSay(medium.devicePath), `${label.mediumId} is safe to remove.`)}>
            Eject
          </button>
          {label.role === 'seed' && medium.lastWrite ? (
            <button type="button" className="secondary" onClick={() => setOpen('export')}>
              Export seeds as CSV…
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={() => setOpen('seal')}>
            Log its seal…
          </button>
          <button type="button" className="danger" onClick={() => setOpen('retire')}>
            Retire…
          </button>
          <button type="button" className="danger" onClick={() => setOpen('wipe')}>
            Wipe…
          </button>
        </div>
      )}
      {copyFrom && label ? (
        <CopyNewestConfirm
          from={copyFrom}
          to={medium}
          onCancel={() => setCopyFrom(null)}
          onConfirm={() =>
            void act(
              () => api().replicateMedium({ fromDevicePath: copyFrom.devicePath, toDevicePath: medium.devicePath, role: label.role }),
              `Copied generation ${copyFrom.lastWrite?.generation} from ${copyFrom.label?.mediumId} to ${label.mediumId}, read back and verified.`,
            ).then(() => setCopyFrom(null))
          }
        />
      ) : null}
      {open === 'seal' && label ? <SealForm mediumId={label.mediumId} onDone={close} act={act} /> : null}
      {open === 'retire' && label ? <RetireForm medium={medium} mediumId={label.mediumId} onDone={close} act={act} /> : null}
      {open === 'replace' && !label ? <ReplaceForm medium={medium} inService={inService} onDone={close} act={act} /> : null}
      {open === 'label-vault' || open === 'label-seed' ? <LabelForm medium={medium} role={open === 'label-vault' ? 'vault' : 'seed'} onDone={close} act={act} /> : null}
      {open === 'export' && label ? <SeedCsvExportForm medium={medium} mediumId={label.mediumId} onDone={close} act={act} /> : null}
      {open === 'wipe' && label ? <WipeForm medium={medium} mediumId={label.mediumId} onDone={close} act={act} /> : null}
    </article>
  );
}

/**
 * The sticks of the same role that hold the newest generation while this one holds an older one (or none): only
 * then is copying worth offering. A copy between sticks of one generation would rewrite a stick for nothing.
 */
export function copySources(medium: MediumCardView, all: readonly MediumCardView[]): MediumCardView[] {
  const role = medium.label?.role;
  if (!role) return [];
  const held = medium.lastWrite?.generation ?? 0;
  return all.filter(
    (m) => m.devicePath !== medium.devicePath && m.label?.role === role && m.label.knownToCatalog && m.lastWrite !== null && m.lastWrite.generation === m.newestGeneration && m.lastWrite.generation > held,
  );
}

/** Copying overwrites what the target holds: the custodian confirms, with both sticks named by medium id. */
function CopyNewestConfirm({ from, to, onCancel, onConfirm }: { from: MediumCardView; to: MediumCardView; onCancel: () => void; onConfirm: () => void }) {
  const fromId = from.label?.mediumId ?? 'the source stick';
  const toId = to.label?.mediumId ?? 'this stick';
  const held = to.lastWrite ? `generation ${to.lastWrite.generation}` : 'nothing yet';
  return (
    <Notice tone="warn" role="alertdialog" label={`Copy from ${fromId} to ${toId}`} data={{ 'data-copy-confirm': `${fromId}>${toId}` }}>
      <strong>
        Copy generation {from.lastWrite?.generation} from {fromId} onto {toId}?
      </strong>{' '}
      {toId} holds {held}; it gets {fromId}'s newest generation, read back and checked before it counts. {fromId} is only read.
      <div className="row">
        <button type="button" onClick={onConfirm} autoFocus>
          Copy from {fromId} to {toId}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Do not copy
        </button>
      </div>
    </Notice>
  );
}

function MediumFacts({ medium, behind }: { medium: MediumCardView; behind: boolean }) {
  const label = medium.label;
  return (
    <dl className="facts">
      <dt>Identified by</dt>
      <dd>{medium.identity.words}</dd>
      <dt>Partitions</dt>
      <dd>
        {medium.partitions.map((p) => (
          <div key={p.devicePath}>
            {p.number === 0 ? 'Whole stick' : `Partition ${p.number}`}: {p.filesystem ?? 'unformatted'}
            {p.label ? ` “${p.label}”` : ''} · {formatBytes(p.sizeBytes)} · {p.mountpoints.length ? `at ${p.mountpoints.join(', ')}` : 'not mounted'}
          </div>
        ))}
      </dd>
      {label ? (
        <>
          <dt>Kept</dt>
          <dd>
            {label.kept.charAt(0).toUpperCase() + label.kept.slice(1)}
          </dd>
          <dt>Last written</dt>
          <dd>
            {medium.lastWrite
              ? `generation ${medium.lastWrite.generation}, ${formatTime(medium.lastWrite.writtenAt)} by ${medium.lastWrite.writtenBy}`
              : 'nothing written yet'}
            {behind ? <strong className="warn"> — behind: the newest is generation {medium.newestGeneration}</strong> : null}
          </dd>
          <dt>Kept generations</dt>
          <dd data-generations={medium.generations.map((g) => `${g.generation}:${g.state}`).join(' ')}>
            {medium.generations.length
              ? [...medium.generations]
                  .sort((a, b) => b.generation - a.generation)
                  .map((g) => `${g.generation}${g.state === 'current' ? ' (current)' : g.state === 'staged' ? ' (staged, not committed)' : ''}`)
                  .join(', ')
              : 'none yet'}
          </dd>
          <dt>Last verified</dt>
          <dd>{formatTime(medium.lastVerifiedAt)}</dd>
          <dt>Last sealed</dt>
          <dd>{formatTime(medium.lastSealedAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}

async function ejectAndSay(devicePath: string) {
  const result = await api().ejectMedium({ devicePath });
  if (result.ok && !result.value.safeToRemove) {
    return {
      ok: false as const,
      error: { code: 'EJECT_INCOMPLETE' as const, message: result.value.steps.filter((s) => s.outcome === 'failed').map((s) => `${s.action} ${s.target}: ${s.detail}`).join('; ') },
    };
  }
  return result;
}
