import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import { buildOtpauthUri } from '../../src-main/core/otpauth';
import { base32Decode, base32Encode, parseSeed, seedBytes } from '../../src-main/core/seed';

// The RFC 4648 test vectors for base32.
const RFC4648 = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
] as const;

/** A seed as AWS issues it: 40 bytes, 64 base32 characters. */
const AWS_SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function failure(fn: () => unknown): StrongroomError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const seedKeys = fc.uint8Array({ minLength: 10, maxLength: 64 });

describe('base32', () => {
  it('encodes and decodes the RFC 4648 vectors', () => {
    for (const [plain, encoded] of RFC4648) {
      expect(base32Encode(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base32Decode(encoded))).toBe(plain);
    }
  });
});

describe('reading a seed a custodian pasted', () => {
  it('takes an AWS 64-character seed as it is shown', () => {
    expect(parseSeed(AWS_SEED)).toEqual({ base32: AWS_SEED, source: 'base32', digits: 6, period: 30 });
  });

  it('accepts lower case, groups separated by spaces or hyphens, line breaks and = padding', () => {
    const grouped = AWS_SEED.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(parseSeed(grouped).base32).toBe(AWS_SEED);
    expect(parseSeed(AWS_SEED.replace(/(.{8})/g, '$1-')).base32).toBe(AWS_SEED);
    expect(parseSeed(`${AWS_SEED.slice(0, 32)}\r\n${AWS_SEED.slice(32)}`).base32).toBe(AWS_SEED);
    expect(parseSeed('JBSWY3DPEHPK3PXPJB======').base32).toBe('JBSWY3DPEHPK3PXPJB');
  });

  it('unwraps the Base32StringSeed printed by aws iam create-virtual-mfa-device and says so', () => {
    const printed = btoa(AWS_SEED);
    expect(printed).toHaveLength(88);
    expect(parseSeed(printed)).toEqual({ base32: AWS_SEED, source: 'aws-base32-string-seed', digits: 6, period: 30 });
  });

  it('reads the secret out of an otpauth://totp link', () => {
    const seed = parseSeed(`otpauth://totp/Amazon%20Web%20Services:root@012345678901?secret=${AWS_SEED.toLowerCase()}&issuer=Amazon%20Web%20Services`);
    expect(seed).toEqual({ base32: AWS_SEED, source: 'otpauth-uri', digits: 6, period: 30 });
    expect(parseSeed(`OTPAUTH://TOTP/x?secret=${AWS_SEED}&algorithm=sha1&digits=6&period=30`).base32).toBe(AWS_SEED);
  });

  it('names the position of a character that cannot be in a seed, without repeating it', () => {
    const error = failure(() => parseSeed('JBSWY3DPEHPK3PX0'));
    expect(error.code).toBe(ErrorCode.InvalidSeed);
    expect(error.message).toMatch(/^Character 16 of the seed cannot be part of a seed\..*letter O, I, L or B/);
    expect(error.details).toEqual({ position: 16 });
    expect(failure(() => parseSeed('  JBSW Y3DP EHPK 3PX!')).details).toEqual({ position: 21 });
  });

  it('refuses padding in the middle and lengths no seed can have', () => {
    expect(failure(() => parseSeed('JBSWY3DP=EHPK3PXP')).message).toMatch(/Character 10 .*Padding/);
    expect(failure(() => parseSeed('JBSWY3DPEHPK3PXPA')).message).toMatch(/17 seed characters.*missing or one too many/);
  });

  it('refuses seeds shorter than 80 bits and accepts 80 bits exactly', () => {
    const error = failure(() => parseSeed('JBSWY3DPEHPK3PX'));
    expect(error.message).toMatch(/too short: it holds 72 bits .* at least 80/);
    expect(parseSeed('JBSWY3DPEHPK3PXP').base32).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses an empty paste and something far longer than any seed', () => {
    expect(failure(() => parseSeed('   ')).message).toMatch(/The seed is empty/);
    expect(failure(() => parseSeed('A'.repeat(112))).message).toMatch(/longer than any MFA seed/);
  });

  it('refuses counter-based, non-SHA1, non-6-digit and non-30-second links with the reason', () => {
    const base = `secret=${AWS_SEED}`;
    expect(failure(() => parseSeed(`otpauth://hotp/x?${base}&counter=1`)).message).toMatch(/counter-based \(HOTP\)/);
    expect(failure(() => parseSeed(`otpauth://totp/x?${base}&algorithm=SHA256`)).message).toMatch(/SHA256 algorithm.*SHA1 only/);
    expect(failure(() => parseSeed(`otpauth://totp/x?${base}&digits=8`)).message).toMatch(/8-digit codes/);
    expect(failure(() => parseSeed(`otpauth://totp/x?${base}&period=60`)).message).toMatch(/every 60 seconds/);
    expect(failure(() => parseSeed('otpauth://totp/x?issuer=AWS')).message).toMatch(/no secret/);
    expect(failure(() => parseSeed('otpauth://totp/x?secret=JBSWY3DPEHPK3PX1')).message).toMatch(/Character 16 of the secret in the link/);
  });

  it('gives back the same key bytes from every form a seed can be pasted in', () => {
    fc.assert(
      fc.property(seedKeys, fc.nat(), (key, shape) => {
        const base32 = base32Encode(key);
        const forms = [
          base32,
          base32.toLowerCase(),
          base32.replace(/(.{4})/g, '$1 ').trim(),
          base32.replace(/(.{4})/g, '$1-').replace(/-$/, ''),
          base32.padEnd(Math.ceil(base32.length / 8) * 8, '='),
          btoa(base32),
          buildOtpauthUri({ name: 'Round trip', accountId: '000000000000' }, { base32, source: 'base32', digits: 6, period: 30 }),
        ];
        const form = forms[shape % forms.length] as string;
        const seed = parseSeed(form);
        expect(seed.base32).toBe(base32);
        expect(seedBytes(seed)).toEqual(key);
      }),
    );
  });

  it('refuses a seed with any foreign character, at the position where it was inserted', () => {
    const foreign = fc.constantFrom(...'01890!"#$%&\'()*+,./:;<>?@[\\]^_`{|}~éßıſ');
    fc.assert(
      fc.property(seedKeys, foreign, fc.nat(), (key, bad, where) => {
        const base32 = base32Encode(key);
        const at = where % (base32.length + 1);
        const pasted = base32.slice(0, at) + bad + base32.slice(at);
        const error = failure(() => parseSeed(pasted));
        expect(error.code).toBe(ErrorCode.InvalidSeed);
        expect(error.details['position']).toBe(at + 1);
      }),
    );
  });

  it('never repeats the seed in a refusal', () => {
    fc.assert(
      fc.property(seedKeys, fc.constantFrom('0', '!', '=x', 'A'), (key, junk) => {
        const base32 = base32Encode(key);
        const pasted = base32 + junk;
        let message = '';
        try {
          parseSeed(pasted);
        } catch (error) {
          message = (error as Error).message;
        }
        for (let i = 0; i + 8 <= base32.length; i += 4) expect(message).not.toContain(base32.slice(i, i + 8));
      }),
    );
  });
});
