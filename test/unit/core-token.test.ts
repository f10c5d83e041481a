import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStrongroomError } from '../../src-main/core/errors';
import { checkTokenAction, nextTokenId, normaliseTokenSerial, parseTokenKind, TOKEN_STATES, validateTokenId, type TokenAction } from '../../src-main/core/token';
import { judgeTokenCheck } from '../../src-main/core/token-check';
import { summariseMfaCoverage } from '../../src-main/core/token-coverage';

describe('token rules', () => {
  it('compares serials the way people type them: case, spaces, dashes and a number’s leading zeros do not matter', () => {
    const same = ['GAHT-0042', 'gaht 0042', ' GAHT.0042 ', 'gaht/0042'];
    expect(new Set(same.map((s) => normaliseTokenSerial(s).comparable))).toEqual(new Set(['GAHT0042']));
    expect(normaliseTokenSerial('0012345678').comparable).toBe(normaliseTokenSerial('12345678').comparable);
    expect(normaliseTokenSerial('0').comparable).toBe('0');
    expect(normaliseTokenSerial('  A  B ').display).toBe('A B');
    // Full-width digits typed on some keyboards are the same digits.
    expect(normaliseTokenSerial('１２３').comparable).toBe('123');
  });

  it('refuses blank serials, look-alike letters from other alphabets, control characters and absurd lengths', () => {
    for (const bad of ['', '   ', '-- --', 'GАHT0042', 'A\nB', 'A\u200bB', 'x'.repeat(65)]) {
      expect(() => normaliseTokenSerial(bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN_SERIAL' }));
    }
  });

  it('any serial either normalises to letters and digits or is refused with a sentence', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (raw) => {
        try {
          const { comparable } = normaliseTokenSerial(raw);
          expect(comparable).toMatch(/^[A-Z0-9]+$/);
          expect(normaliseTokenSerial(comparable).comparable).toBe(comparable);
        } catch (error) {
          expect(isStrongroomError(error) && error.code === 'INVALID_TOKEN_SERIAL').toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the next token id after every one ever used, and reads ids as typed', () => {
    expect(nextTokenId([])).toBe('TOKEN-01');
    expect(nextTokenId(['TOKEN-01', 'TOKEN-09', 'TOKEN-03'])).toBe('TOKEN-10');
    expect(nextTokenId(['TOKEN-99'])).toBe('TOKEN-100');
    expect(validateTokenId(' token-07 ')).toBe('TOKEN-07');
    expect(() => validateTokenId('TOKEN-7')).toThrow(/look like TOKEN-07/);
    expect(parseTokenKind('FIDO2')).toBe('fido');
    expect(parseTokenKind('display')).toBe('totp');
    expect(() => parseTokenKind('sms')).toThrow(/fido.*totp/);
  });

  it('allows each lifecycle step only from the states it makes sense from', () => {
    const allowed: Record<TokenAction, string[]> = {
      'check out': ['in-safe'],
      'check in': ['checked-out'],
      'report lost': ['in-safe', 'checked-out'],
      revoke: ['in-safe', 'lost'],
      destroy: ['in-safe', 'revoked'],
      'register on an account': ['in-safe', 'checked-out'],
    };
    for (const [action, from] of Object.entries(allowed) as [TokenAction, string[]][]) {
      for (const state of TOKEN_STATES) {
        const attempt = () => checkTokenAction('TOKEN-01', state, action);
        if (from.includes(state)) expect(attempt).not.toThrow();
        else expect(attempt, `${action} from ${state}`).toThrow(expect.objectContaining({ code: 'TOKEN_STATE_REFUSED' }));
      }
    }
    expect(() => checkTokenAction('TOKEN-01', 'checked-out', 'revoke')).toThrow('TOKEN-01 is checked out, so it cannot be revoked. Check it back in first, or report it lost.');
  });
});

describe('root MFA coverage', () => {
  const now = new Date('2027-03-01T00:00:00Z');
  const account = (accountId: string, extra: Partial<Parameters<typeof summariseMfaCoverage>[0]['accounts'][number]> = {}) => ({
    accountId,
    name: `acct-${accountId.slice(0, 2)}`,
    custodied: true,
    hasVirtualSeed: false,
    legacyTokenSerial: null,
    ...extra,
  });
  const token = (tokenId: string, accountIds: string[], extra: Partial<Parameters<typeof summariseMfaCoverage>[0]['tokens'][number]> = {}) => ({
    tokenId,
    kind: 'fido' as const,
    model: 'YubiKey 5',
    serial: tokenId.slice(-2),
    state: 'in-safe' as const,
    addedAt: '2027-02-01T00:00:00Z',
    lastSeenAt: null,
    accountIds,
    ...extra,
  });

  it('leaves out accounts without root credentials, and counts a virtual seed as a device but not as hardware', () => {
    const summary = summariseMfaCoverage({
      accounts: [account('111111111111', { hasVirtualSeed: true }), account('222222222222', { custodied: false }), account('333333333333', { hasVirtualSeed: true })],
      tokens: [token('TOKEN-01', ['333333333333'])],
      verificationIntervalDays: 90,
      now,
    });
    expect(summary.accountsChecked).toBe(2);
    expect(summary.accountsWithoutHardwareMfa).toEqual([{ accountId: '111111111111', name: 'acct-11', note: 'Only a virtual MFA seed protects this root user.' }]);
    expect(summary.accountsWithSingleMfaDevice).toEqual([{ accountId: '111111111111', name: 'acct-11', device: 'virtual MFA seed' }]);
  });

  it('names a serial recorded before the inventory, a known but unassigned one, and a hardware account with no token', () => {
    const summary = summariseMfaCoverage({
      accounts: [
        account('111111111111', { legacyTokenSerial: 'GAHT-0042' }),
        account('222222222222', { legacyTokenSerial: 'gaht 0077' }),
        account('333333333333', { recordedHardware: true }),
      ],
      tokens: [token('TOKEN-01', [], { serial: 'GAHT-0077' })],
      verificationIntervalDays: 90,
      now,
    });
    expect(summary.accountsWithoutHardwareMfa.map((a) => a.note)).toEqual([
      'The account names token serial GAHT-0042, which is not in the token inventory: add the token to the inventory.',
      'The account names token serial gaht 0077 (TOKEN-01), but that token is not registered on it in the inventory: assign it.',
      'The root user is recorded as protected by a hardware token, but no token in the inventory is registered on it: add the token to the inventory and assign it.',
    ]);
  });

  it('a token last seen longer ago than one interval is listed; a recent one, or a destroyed one, is not', () => {
    const summary = summariseMfaCoverage({
      accounts: [],
      tokens: [
        token('TOKEN-01', [], { lastSeenAt: '2026-11-01T00:00:00Z' }),
        token('TOKEN-02', [], { lastSeenAt: '2027-02-20T00:00:00Z' }),
        token('TOKEN-03', [], { lastSeenAt: '2026-01-01T00:00:00Z', state: 'destroyed' }),
      ],
      verificationIntervalDays: 90,
      now,
    });
    expect(summary.tokensNotSeen.map((t) => [t.tokenId, t.daysUnseen])).toEqual([['TOKEN-01', 120]]);
  });

  it('the quarterly check of the safe: missing, present but recorded elsewhere, overdue and unknown tokens fail it', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const base = { kind: 'fido' as const, model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2', stateReason: null, checkout: null };
    const acct = [{ accountId: '111111111111', name: 'prod-payments' }];
    const inventory = [
      { ...base, tokenId: 'TOKEN-01', serial: '1001', state: 'in-safe' as const, accounts: acct },
      { ...base, tokenId: 'TOKEN-02', serial: '1002', state: 'in-safe' as const, accounts: acct },
      { ...base, tokenId: 'TOKEN-03', serial: '1003', state: 'lost' as const, accounts: [] },
      { ...base, tokenId: 'TOKEN-04', serial: '1004', state: 'checked-out' as const, accounts: acct, checkout: { custodians: ['alice', 'bob'], checkedOutAt: '2026-05-01T00:00:00Z', dueAt: '2026-05-02T00:00:00Z' } },
    ];
    const seen = (tokenId: string | null, outcome: 'identified' | 'unknown' = 'identified') => ({ tokenId, outcome, how: 'hid' as const, described: `key ${tokenId ?? 'x'}`, why: null });
    const good = judgeTokenCheck(inventory.slice(0, 2), [seen('TOKEN-01'), seen('TOKEN-02')], now);
    expect(good).toMatchObject({ passed: true, expected: 2, presented: 2 });
    const bad = judgeTokenCheck(inventory, [seen('TOKEN-01'), seen('TOKEN-03'), seen(null, 'unknown')], now);
    expect(bad.passed).toBe(false);
    expect(bad.rows.map((r) => [r.tokenId, r.status])).toEqual([
      ['TOKEN-01', 'present'],
      ['TOKEN-02', 'missing'],
      ['TOKEN-03', 'recorded-elsewhere'],
      ['TOKEN-04', 'overdue'],
      [null, 'unknown'],
    ]);
    // A missing token names the accounts it protects.
    expect(bad.rows[1]?.sentence).toContain('prod-payments (111111111111)');
  });
});
