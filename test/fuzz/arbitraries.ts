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
