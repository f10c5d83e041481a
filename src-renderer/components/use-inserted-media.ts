import type { MediumCardView, MediumRole } from '../../src-main/contract/media-views';
import { api } from '../api';
import { useFollowed } from './use-followed';

const listMedia = () => api().listMedia({});
const waitForMediaChange = (sinceVersion: number) => api().waitForMediaChange({ sinceVersion, timeoutMs: 20_000 });

/** The inserted sticks, followed live: each change main reports triggers one fresh listing. */
export function useInsertedMedia() {
  const { value: overview, error, setError, reload } = useFollowed(listMedia, waitForMediaChange);
  return { overview, media: overview?.media ?? null, error, setError, reload };
}

/** Labelled sticks of one role that this kiosk knows, newest generation first. */
export function labelledSticks(media: readonly MediumCardView[] | null, role: MediumRole): MediumCardView[] {
  return (media ?? [])
    .filter((m) => m.label?.role === role)
    .sort((a, b) => (b.lastWrite?.generation ?? 0) - (a.lastWrite?.generation ?? 0) || (a.label?.mediumId ?? '').localeCompare(b.label?.mediumId ?? ''));
}

/** "VAULT-01 — on site, Safe 1 — generation 2", for choosing a stick and for saying what will be written. */
export function describeStick(medium: MediumCardView): string {
  const label = medium.label;
  if (!label) return 'Unlabelled stick';
  const held = medium.lastWrite ? `generation ${medium.lastWrite.generation}` : 'nothing written yet';
  const behind = medium.lastWrite && medium.lastWrite.generation < medium.newestGeneration ? ` (behind: newest is ${medium.newestGeneration})` : '';
  return `${label.mediumId} — ${label.kept} — ${held}${behind}`;
}
