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
  const close = () => setOpen(null);
  const label = medium.label;
  const behind = label && medium.lastWrite ? medium.lastWrite.generation < medium.newestGeneration : false;
  const sources = label
    ? all.filter((m) => m.devicePath !== medium.devicePath && m.label?.role === label.role && m.lastWrite && m.lastWrite.generation === m.newestGeneration)
    : [];

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
            <button
              key={source.devicePath}
              type="button"
              onClick={() =>
                void act(
                  () => api().replicateMedium({ fromDevicePath: source.devicePath, toDevicePath: medium.devicePath, role: label.role }),
                  `Copied generation ${source.lastWrite?.generation} from ${source.label?.mediumId} to ${label.mediumId}, read back and verified.`,
                )
              }
            >
              Copy newest from {source.label?.mediumId}
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
      {open === 'seal' && label ? <SealForm mediumId={label.mediumId} onDone={close} act={act} /> : null}
      {open === 'retire' && label ? <RetireForm medium={medium} mediumId={label.mediumId} onDone={close} act={act} /> : null}
      {open === 'replace' && !label ? <ReplaceForm medium={medium} inService={inService} onDone={close} act={act} /> : null}
      {open === 'label-vault' || open === 'label-seed' ? <LabelForm medium={medium} role={open === 'label-vault' ? 'vault' : 'seed'} onDone={close} act={act} /> : null}
      {open === 'export' && label ? <SeedCsvExportForm medium={medium} mediumId={label.mediumId} onDone={close} act={act} /> : null}
      {open === 'wipe' && label ? <WipeForm medium={medium} mediumId={label.mediumId} onDone={close} act={act} /> : null}
    </article>
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
            {label.location.kind === 'onsite' ? 'On site' : 'Off site'}
            {label.location.note ? ` — ${label.location.note}` : ''}
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
