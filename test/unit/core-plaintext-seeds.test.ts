import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importAccountCsv } from '../../src-main/artefacts/account-import';
import { decodeTextFile, findPlaintextSeed } from '../../src-main/core/plaintext-seeds';
import { SEED_ALPHABET } from '../../src-main/core/seed-line-check';
import { seedArbitraries } from '../fuzz/arbitraries';

const { awsSeed, seedForm, importCsvWithSeeds } = seedArbitraries;

describe('plaintext seeds are found in any layout', () => {
  it('finds an AWS seed in any of the layouts a custodian or a tool might write', () => {
    const layouts: ((seed: string) => string)[] = [
      (s) => `Account,Seed\nprod,${s}\n`,
      (s) => `name\tsecret\nprod\t${s.toLowerCase()}\n`,
      (s) => `{"accounts":[{"id":"111122223333","totp":"${s}"}]}`,
      (s) => `mfa secret = "${s}"`,
      (s) => `The seed for prod is ${s}, keep it safe.`,
      (s) => `${s.replace(/(.{4})(?!$)/g, '$1 ')}`,
      (s) => `${s.toLowerCase().replace(/(.{4})(?!$)/g, '$1-')}`,
      (s) => `otpauth://totp/prod?secret=${s}`,
      (s) => `- prod: ${s}\n`,
    ];
    fc.assert(
      fc.property(awsSeed, fc.integer({ min: 0, max: layouts.length - 1 }), (seed, layout) => {
        expect(findPlaintextSeed(layouts[layout]!(seed))).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('finds the seed in every seed file the account import accepts', () => {
    fc.assert(
      fc.property(importCsvWithSeeds, (text) => {
        const imported = importAccountCsv(text);
        fc.pre(imported.seedCount > 0);
        expect(findPlaintextSeed(text)).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('says where, never what', () => {
    fc.assert(
      fc.property(awsSeed, seedForm, (seed, form) => {
        const evidence = findPlaintextSeed(`Account #,Account Name,Account Email,MFA Seed\n111122223333,prod,a@example.com,${form(seed)}\n`);
        expect(evidence).not.toBeNull();
        for (let i = 0; i + 5 <= seed.length; i += 1) expect(evidence!.description).not.toContain(seed.slice(i, i + 5));
      }),
      { numRuns: 200 },
    );
  });
});

describe('identifiers that are not seeds are left alone', () => {
  const hexWithNonBase32 = fc
    .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 64 })
    .filter((s) => /[0189]/.test(s));
  const uuid = fc.uuid();
  const mixedCaseBase64 = fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'), minLength: 16, maxLength: 80 })
    .filter((s) => /[a-z]/.test(s) && /[A-Z]/.test(s));
  const awsKeyId = fc.tuple(fc.constantFrom('AKIA', 'ASIA', 'AROA', 'AIDA'), fc.string({ unit: fc.constantFrom(...SEED_ALPHABET), minLength: 16, maxLength: 16 })).map(([p, s]) => p + s);
  const decimal = fc.bigInt({ min: 10n ** 15n, max: 10n ** 40n }).map(String);
  const words = fc.array(fc.constantFrom('custody', 'the', 'stick', 'vault', 'is', 'KEEP', 'SAFE', 'apart', 'from', 'seeds', 'root', 'user', 'AWS', 'account', '2026', 'Q3'), { minLength: 1, maxLength: 20 })
    .map((w) => w.join(' '))
    // Four upper-case groups of four in a row ("SAFE KEEP KEEP SAFE") are a seed as typed in groups: flagged, rightly.
    .filter((s) => !/\b[A-Z2-7]{4}(?: [A-Z2-7]{4}){3}\b/.test(s));

  it.each([
    ['hex with a 0, 1, 8 or 9', hexWithNonBase32],
    ['UUIDs', uuid],
    ['mixed-case base64', mixedCaseBase64],
    ['AWS access key ids', awsKeyId],
    ['long decimal numbers', decimal],
    ['prose', words],
  ] as const)('%s, bare or in a README sentence', (_what, arbitrary) => {
    fc.assert(
      fc.property(arbitrary as fc.Arbitrary<string>, (id) => {
        expect(findPlaintextSeed(id)).toBeNull();
        expect(findPlaintextSeed(`Stick id: ${id}\nKept in the safe.`)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('does not apply the seed-like-value rule to Strongroom\'s own label files, but still the strong rules', () => {
    expect(findPlaintextSeed('serial MFRGGZDFMZTWQ2LKNNWG23TPOBYXE4ZU')).not.toBeNull();
    expect(findPlaintextSeed('serial MFRGGZDFMZTWQ2LKNNWG23TPOBYXE4ZU', { strongRulesOnly: true })).toBeNull();
    expect(findPlaintextSeed('x otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', { strongRulesOnly: true })).toMatchObject({ rule: 'otpauth-uri' });
  });
});

describe('decoding text files', () => {
  it('reads UTF-8, UTF-16 with and without a byte-order mark, and calls binary binary', () => {
    expect(decodeTextFile(new TextEncoder().encode('\uFEFFhello'))).toBe('hello');
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo', 'utf16le')]))).toBe('héllo');
    expect(decodeTextFile(Buffer.from('plain text in UTF-16 without a mark', 'utf16le'))).toBe('plain text in UTF-16 without a mark');
    expect(decodeTextFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]))).toBeNull();
  });
});
