import type { Result } from '../../api';

/**
 * How every button on the Media screen acts: one request to main, then the screen lists the sticks afresh. The
 * screen shows the outcome (a sentence, a write job stick by stick, or the error, focused); the caller learns
 * whether it went through, to close its form only then.
 */
export type MediaAction = (work: () => Promise<Result<unknown>>, success: string) => Promise<boolean>;
