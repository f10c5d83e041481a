import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaOverview, MediumCardView } from '../../src-main/contract/media-views';
import { api, type ChannelError } from '../api';

/** The inserted sticks, followed live: each change main reports triggers one fresh listing. */
export function useInsertedMedia() {
  const [overview, setOverview] = useState<MediaOverview | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    const result = await api().listMedia({});
    if (!alive.current) return 0;
    if (!result.ok) {
      setError(result.error);
      return 0;
    }
    setOverview(result.value);
    setError(null);
    return result.value.version;
  }, []);

  useEffect(() => {
    alive.current = true;
    void (async () => {
      let version = await reload();
      while (alive.current) {
        const waited = await api().waitForMediaChange({ sinceVersion: version, timeoutMs: 20_000 });
        if (!alive.current) break;
        if (!waited.ok) {
          setError(waited.error);
          await new Promise((resolve) => setTimeout(resolve, 3000));
          continue;
        }
        if (waited.value.version !== version) version = await reload();
      }
    })();
    return () => {
      alive.current = false;
    };
  }, [reload]);

  return { overview, media: overview?.media ?? null, error, setError, reload };
}

/** Labelled sticks of one role that this kiosk knows, newest generation first. */
export function labelledSticks(media: readonly MediumCardView[] | null, role: 'vault' | 'seed'): MediumCardView[] {
  return (media ?? [])
    .filter((m) => m.label?.role === role)
    .sort((a, b) => (b.lastWrite?.generation ?? 0) - (a.lastWrite?.generation ?? 0) || (a.label?.mediumId ?? '').localeCompare(b.label?.mediumId ?? ''));
}

/** "VAULT-01 — on site, Safe 1 — generation 2", for choosing a stick and for saying what will be written. */
export function describeStick(medium: MediumCardView): string {
  const label = medium.label;
  if (!label) return 'Unlabelled stick';
  const where = `${label.location.kind === 'onsite' ? 'on site' : 'off site'}${label.location.note ? `, ${label.location.note}` : ''}`;
  const held = medium.lastWrite ? `generation ${medium.lastWrite.generation}` : 'nothing written yet';
  const behind = medium.lastWrite && medium.lastWrite.generation < medium.newestGeneration ? ` (behind: newest is ${medium.newestGeneration})` : '';
  return `${label.mediumId} — ${where} — ${held}${behind}`;
}
