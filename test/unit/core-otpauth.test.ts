import { describe, expect, it } from 'vitest';
import { buildOtpauthUri, otpauthAccountLabel } from '../../src-main/core/otpauth';
import { parseSeed } from '../../src-main/core/seed';

const SEED = parseSeed('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');

describe('the otpauth link kept in the seed store', () => {
  it('follows the KeePassXC convention with issuer, account name and id in the label', () => {
    expect(buildOtpauthUri({ name: 'Payments prod', accountId: '012345678901' }, SEED)).toBe(
      'otpauth://totp/Amazon%20Web%20Services:Payments%20prod%20(012345678901)' +
        `?secret=${SEED.base32}&issuer=Amazon%20Web%20Services&period=30&digits=6`,
    );
  });

  it('escapes characters in an account name that would break the label or the query', () => {
    const uri = buildOtpauthUri({ name: 'R&D: data/lake ?#% ü', accountId: '000000000001' }, SEED);
    expect(uri).toContain('Amazon%20Web%20Services:R%26D%3A%20data%2Flake%20%3F%23%25%20%C3%BC%20(000000000001)?secret=');
    expect(uri.split('?')).toHaveLength(2);
    expect(uri.split(':')).toHaveLength(3); // scheme, issuer separator, nothing else
    expect(otpauthAccountLabel(uri)).toBe('R&D: data/lake ?#% ü (000000000001)');
  });

  it('reads back as the same seed', () => {
    const uri = buildOtpauthUri({ name: 'Audit', accountId: '210987654321' }, SEED);
    expect(parseSeed(uri)).toEqual({ ...SEED, source: 'otpauth-uri' });
  });

  it('finds no label in something that is not a TOTP link', () => {
    expect(otpauthAccountLabel('https://example.com')).toBeUndefined();
    expect(otpauthAccountLabel('otpauth://totp/%E0%A4%A?secret=x')).toBeUndefined();
  });
});
