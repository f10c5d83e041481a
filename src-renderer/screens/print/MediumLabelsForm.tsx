import { useEffect, useState } from 'react';
import type { DueView } from '../../../src-main/contract/verification-views';
import { api } from '../../api';
import { useRequest } from '../../components/use-request';
import { PrepareShell, type PrepareCommon, type Preparation } from './PrepareShell';

/** Stickers for the sticks and their pouches, for the media this kiosk has labelled. */
export function MediumLabelsForm({ common }: { readonly common: PrepareCommon }) {
  const [catalogMedia, setCatalogMedia] = useState<readonly DueView[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [copies, setCopies] = useState(2);
  const [skip, setSkip] = useState(0);
  const listing = useRequest();
  const { run } = listing;

  useEffect(() => {
    // The verification schedule lists every labelled medium this kiosk keeps; labels are made for those.
    void run(
      () => api().verificationSchedule({}),
      (schedule) => {
        const sorted = [...schedule.due].sort((a, b) => a.mediumId.localeCompare(b.mediumId));
        setCatalogMedia(sorted);
        setChosen(new Set(sorted.map((m) => m.mediumId)));
      },
    );
  }, [run]);

  const prepare = (): Preparation => {
    const ids = catalogMedia?.filter((m) => chosen.has(m.mediumId)).map((m) => m.mediumId) ?? [];
    if (catalogMedia && catalogMedia.length > 0 && ids.length === 0) return 'Tick at least one medium to make labels for.';
    const request = { paper: common.paper, mediumIds: ids, copiesPerMedium: copies, skipPositions: skip };
    return () => api().prepareMediumLabels(request);
  };

  const toggle = (mediumId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(mediumId);
    else next.delete(mediumId);
    setChosen(next);
  };

  return (
    <PrepareShell common={common} withOrganisation={false} prepare={prepare} job="Preparing the document" hint="Laying out the pages">
      <fieldset>
        <legend>Media to label</legend>
        {catalogMedia === null && !listing.error ? <p className="hint">Reading the labelled media…</p> : null}
        {listing.notice}
        {catalogMedia?.length === 0 ? <p className="empty">No stick is labelled yet. Label the sticks on the Media screen first.</p> : null}
        <div className="media-checklist">
          {catalogMedia?.map((m) => (
            <label key={m.mediumId} className="checkbox">
              <input type="checkbox" checked={chosen.has(m.mediumId)} onChange={(e) => toggle(m.mediumId, e.target.checked)} />
              <span className="mono">{m.mediumId}</span> <span className="muted">{m.location}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        <label htmlFor="print-copies">Labels per medium (stick and pouch)</label>
        <input id="print-copies" type="number" min={1} max={21} value={copies} onChange={(e) => setCopies(Math.max(1, Number(e.target.value) || 1))} />
        <label htmlFor="print-skip">Labels already used on the sheet</label>
        <input id="print-skip" type="number" min={0} max={20} value={skip} onChange={(e) => setSkip(Math.max(0, Number(e.target.value) || 0))} />
      </div>
    </PrepareShell>
  );
}
