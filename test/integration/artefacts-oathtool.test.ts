import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Encode, parseSeed } from '../../src-main/core/seed';
import { totpCode, twoConsecutiveCodes } from '../../src-main/core/totp';

/**
 * oathtool (liboath) is an independent RFC 6238 implementation: it and Strongroom must agree on every code, or a
 * custodian would be locked out of an account at the safe.
 */

const OATHTOOL = spawnSync('oathtool', ['--version'], { encoding: 'utf8' }).status === 0;
if (!OATHTOOL) console.warn('oathtool is not installed: the TOTP agreement tests against it are skipped.');

function oathtool(secret: string, now?: Date, window = 0): string[] {
  const args = ['--totp', '-b', '-w', String(window)];
  if (now) args.push('--now', `${now.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
  const result = spawnSync('oathtool', [...args, secret], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`oathtool failed: ${result.stderr}`);
  return result.stdout.trim().split('\n');
}

const FIXED_TIMES = ['2026-01-01T00:00:00Z', '2026-01-01T00:00:29Z', '2026-01-01T00:00:30Z', '2031-07-15T13:37:59Z', '2000-02-29T23:59:59Z'].map(
  (text) => new Date(text),
);
const AWS_STYLE = 'FCBCEJXNR7BW5W3WR4LDJNOQ7MSOQV53H4WIUCDBWG4Q3B5HAGH552Z3NOLMXL57';
const SHORT_16 = 'JBSWY3DPEHPK3PXP';
const SHORT_32 = 'U4BAUTRZN6SHV6NHDAM5OPNVVAOI34WA';

describe.skipIf(!OATHTOOL)('TOTP codes agree with oathtool', () => {
  it('for an AWS-style 64-character seed and short 16- and 32-character seeds, at fixed times', () => {
    for (const secret of [AWS_STYLE, SHORT_16, SHORT_32]) {
      const seed = parseSeed(secret);
      for (const at of FIXED_TIMES) {
        expect(totpCode(seed, at), `${secret.length} chars at ${at.toISOString()}`).toBe(oathtool(secret, at)[0]);
      }
    }
  });

  it('for random AWS-length seeds at random whole-second times', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 40, maxLength: 40 }), fc.integer({ min: 0, max: 4_102_444_799 }), (key, seconds) => {
        const secret = base32Encode(key);
        const at = new Date(seconds * 1000);
        expect(totpCode(parseSeed(secret), at)).toBe(oathtool(secret, at)[0]);
      }),
      { numRuns: 25 },
    );
  });

  it('on the two consecutive codes AWS asks for when activating the device', () => {
    const at = new Date('2026-03-14T15:09:26Z');
    const [first, second] = oathtool(AWS_STYLE, at, 1);
    const codes = twoConsecutiveCodes(parseSeed(AWS_STYLE), at);
    expect([codes.current.code, codes.next.code]).toEqual([first, second]);
  });

  it('right now, with both read within one 30-second window', () => {
    const seed = parseSeed(AWS_STYLE);
    let compared = false;
    for (let attempt = 0; attempt < 2 && !compared; attempt++) {
      const before = new Date();
      const theirs = oathtool(AWS_STYLE)[0];
      const after = new Date();
      if (Math.floor(before.getTime() / 30_000) !== Math.floor(after.getTime() / 30_000)) continue;
      expect(totpCode(seed, before)).toBe(theirs);
      compared = true;
    }
    expect(compared, 'two attempts both straddled a 30-second boundary').toBe(true);
  });

  it('for a seed pasted in lower case with spaces, as oathtool reads it', () => {
    const pasted = AWS_STYLE.toLowerCase().replace(/(.{4})/g, '$1 ').trim();
    const at = FIXED_TIMES[0] as Date;
    expect(totpCode(parseSeed(pasted), at)).toBe(oathtool(pasted, at)[0]);
  });
});
