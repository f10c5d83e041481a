import { locationKindWords } from './custody-vocabulary';
import { ErrorCode, StrongroomError } from './errors';

export interface MediumLocation {
  readonly kind: 'onsite' | 'offsite';
  readonly note: string;
}

/**
 * Where exactly a stick is kept (which safe, shelf or bank box) is what a verifier goes to check and what a
 * lost-stick report names; "on site" alone does not find a stick among several safes. So a label needs a note
 * that says something: at least one letter or digit, not just spaces or punctuation. Returns it trimmed.
 */
export function requireLocationNote(location: MediumLocation): MediumLocation {
  const note = location.note.trim();
  if (!/[\p{L}\p{N}]/u.test(note)) {
    throw new StrongroomError(
      ErrorCode.LocationNoteMissing,
      `Say where exactly this stick will be kept ${locationKindWords(location.kind)}: the safe, shelf or box number, such as "Safe 1, shelf 2". ` +
        'The verifier and a lost-stick report go by it. Nothing was labelled.',
    );
  }
  return { kind: location.kind, note };
}
