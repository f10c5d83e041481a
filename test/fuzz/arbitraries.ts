import fc from 'fast-check';
import { SEED_ALPHABET } from '../../src-main/core/seed-line-check';

/**
 * Generators of outside input shared by the fuzz properties and by unit tests: what a custodian, a spreadsheet,
 * an AWS tool or an attacker's stick can hand Strongroom.
 */

const base32Char = fc.constantFrom(...SEED_ALPHABET);

/** An AWS-style seed: 64 base32 characters with at least one digit (as all but two in a million are). */
const awsSeed = fc.string({ unit: base32Char, minLength: 64, maxLength: 64 }).filter((s) => /[2-7]/.test(s) && /[A-Z]/.test(s));

/** Any seed the parser accepts: 16 to 102 base32 characters of a length base32 can have. */
const anySeed = fc
  .integer({ min: 16, max: 102 })
  .filter((n) => ![1, 3, 6].includes(n % 8))
  .chain((n) => fc.string({ unit: base32Char, minLength: n, maxLength: n }));

const group = (seed: string, size: number, separator: string) => seed.replace(new RegExp(`(.{${size}})(?!$)`, 'g'), `$1${separator}`);

/** Every written form of one seed that Strongroom's seed parser accepts. */
const seedForm = fc.constantFrom<(seed: string) => string>(
  (s) => s,
  (s) => s.toLowerCase(),
  (s) => group(s, 4, ' '),
  (s) => group(s.toLowerCase(), 4, '-'),
  (s) => `${s}${'='.repeat((8 - (s.length % 8)) % 8)}`,
  (s) => `otpauth://totp/Amazon%20Web%20Services:prod?secret=${s}&issuer=Amazon%20Web%20Services`,
  (s) => btoa(s),
);

const accountId = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 });
const accountName = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz -_'), minLength: 1, maxLength: 20 }).map((s) => `acct ${s}`.trim());

const headerVariants: Readonly<Record<'id' | 'name' | 'email' | 'seed', readonly string[]>> = {
  id: ['Account #', 'account #', 'ACCOUNT #', ' Account  # '],
  name: ['Account Name', 'account name', 'ACCOUNT NAME'],
  email: ['Account Email', 'account email', 'ACCOUNT  EMAIL'],
  seed: ['MFA Seed', 'mfa seed', 'MFA  SEED', ' Mfa Seed '],
};

function quote(cell: string, always: boolean): string {
  return always || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Account CSV files in every shape the import accepts: any column order, header spelling, quoting, line ends. */
const importCsvWithSeeds = fc
  .record({
    order: fc.shuffledSubarray(['id', 'name', 'email', 'seed', 'extra'] as const, { minLength: 5, maxLength: 5 }),
    headers: fc.record({
      id: fc.constantFrom(...headerVariants.id),
      name: fc.constantFrom(...headerVariants.name),
      email: fc.constantFrom(...headerVariants.email),
      seed: fc.constantFrom(...headerVariants.seed),
    }),
    rows: fc.array(fc.record({ id: accountId, name: accountName, seed: anySeed, form: seedForm, quoted: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    newline: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
  })
  .map(({ order, headers, rows, newline, bom }) => {
    const header = order.map((column) => (column === 'extra' ? 'Notes' : quote(headers[column], false))).join(',');
    const lines = rows.map((row, i) =>
      order
        .map((column) => {
          const value =
            column === 'id' ? row.id : column === 'name' ? row.name : column === 'email' ? `root+${i}@example.com` : column === 'seed' ? row.form(row.seed) : 'kept in safe 1';
          return quote(value, row.quoted);
        })
        .join(','),
    );
    return `${bom ? '\uFEFF' : ''}${[header, ...lines].join(newline)}${newline}`;
  });

export const seedArbitraries = { base32Char, awsSeed, anySeed, seedForm, importCsvWithSeeds, accountId, accountName };

/**
 * Secrets for the "never echoed" properties: base32 with no five letters in a row, so that no five-character
 * piece of one can be an English word of a message by chance, and a message containing one really repeats it.
 */
const echoCheckedSeed = anySeed.filter((s) => !/[A-Z]{5}/.test(s) && !/SHA25|HA256/.test(s));

/** Every five-character piece of the secret, in the cases it could be echoed in. */
export function secretPieces(secret: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i + 5 <= secret.length; i += 1) pieces.push(secret.slice(i, i + 5), secret.slice(i, i + 5).toLowerCase());
  return pieces;
}

/** Ways a pasted seed or link goes wrong: a stray character, a cut, a lost '&' that runs the secret into a parameter. */
const damagedSeedInput = fc
  .record({
    seed: echoCheckedSeed,
    at: fc.nat(),
    junk: fc.string({ unit: fc.constantFrom(...'0189!é?.,;:/\\"\'`~ \t*#%&=+'), minLength: 1, maxLength: 3 }),
    kind: fc.constantFrom('stray', 'cut', 'lowercase-stray', 'run-into-algorithm', 'run-into-digits', 'run-into-period', 'bad-uri', 'wrapped-stray', 'hotp'),
  })
  .map(({ seed, at, junk, kind }) => {
    const i = at % (seed.length + 1);
    const input = (() => {
      switch (kind) {
        case 'stray':
          return seed.slice(0, i) + junk + seed.slice(i);
        case 'cut':
          return seed.slice(0, Math.min(i, 15));
        case 'lowercase-stray':
          return (seed.slice(0, i) + junk + seed.slice(i)).toLowerCase();
        case 'run-into-algorithm':
          return `otpauth://totp/x?algorithm=SHA1secret=${seed}&digits=6`;
        case 'run-into-digits':
          return `otpauth://totp/x?digits=6secret=${seed}`;
        case 'run-into-period':
          return `otpauth://totp/x?secret=X&period=${seed}`;
        case 'bad-uri':
          return `otpauth://totp/x?secret=${seed.slice(0, i)}${junk}${seed.slice(i)}&issuer=AWS`;
        case 'wrapped-stray':
          return btoa(seed.slice(0, i) + '1' + seed.slice(i));
        case 'hotp':
          return `otpauth://hotp/x?secret=${seed}&counter=1`;
      }
    })();
    return { seed, input };
  });

export const secretArbitraries = { echoCheckedSeed, damagedSeedInput };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value, the root included. */
function jsonPaths(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const here = [path];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => jsonPaths(item, [...path, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => jsonPaths(v, [...path, k]))];
  return here;
}

function applyAt(value: Json, path: readonly (string | number)[], change: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return change(value) ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const index = head as number;
    if (rest.length > 0) copy[index] = applyAt(copy[index] as Json, rest, change);
    else {
      const changed = change(copy[index] as Json);
      if (changed === undefined) copy.splice(index, 1);
      else copy[index] = changed;
    }
    return copy;
  }
  const record = { ...(value as Record<string, Json>) };
  if (rest.length === 0) {
    const changed = change(record[head as string] as Json);
    if (changed === undefined) delete record[head as string];
    else record[head as string] = changed;
    return record;
  }
  record[head as string] = applyAt(record[head as string] as Json, rest, change);
  return record;
}

/**
 * A recorded or valid JSON document with one part changed the way damage or an attacker would: a value
 * replaced by another of any type, a key removed, a value wrapped in an array, a number turned into a string.
 */
export function mutatedJson(original: unknown): fc.Arbitrary<unknown> {
  const base = original as Json;
  const paths = jsonPaths(base);
  return fc
    .tuple(fc.nat({ max: paths.length - 1 }), fc.constantFrom('replace', 'remove', 'wrap', 'stringify', 'huge', 'negative'), fc.jsonValue())
    .map(([pick, op, replacement]) =>
      applyAt(base, paths[pick]!, (old) => {
        switch (op) {
          case 'replace':
            return replacement as Json;
          case 'remove':
            return undefined;
          case 'wrap':
            return [old];
          case 'stringify':
            return JSON.stringify(old);
          case 'huge':
            return typeof old === 'string' ? old.repeat(50) : 1e300;
          case 'negative':
            return typeof old === 'number' ? -old - 1 : -1;
        }
      }),
    );
}

/** Text with a few characters inserted, removed or replaced at random places: a damaged or hand-edited file. */
export function mutatedText(original: string): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.nat({ max: Math.max(0, original.length - 1) }), fc.constantFrom('insert', 'delete', 'replace'), fc.string({ minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 4 })
    .map((edits) => {
      let text = original;
      for (const [at, op, chars] of edits) {
        const i = Math.min(at, text.length);
        text = op === 'insert' ? text.slice(0, i) + chars + text.slice(i) : op === 'delete' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + chars + text.slice(i + 1);
      }
      return text;
    });
}

/** Bytes with a few flipped, cut short, or extended: a damaged file. */
export function mutatedBytes(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }), fc.nat({ max: original.length }), fc.boolean())
    .map(([flips, cut, shorten]) => {
      const out = Uint8Array.from(original);
      for (const [at, mask] of flips) out[at] = (out[at] as number) ^ mask;
      return shorten ? out.subarray(0, cut) : out;
    });
}
