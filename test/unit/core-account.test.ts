import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountTitle,
  isValidAccountId,
  isValidRootEmail,
  makeAccount,
  validateAccountId,
  validateAccountName,
  validateRootEmail,
} from '../../src-main/core/account';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof StrongroomError ? error.code : 'not-a-strongroom-error';
  }
  return undefined;
}

describe('AWS account ids', () => {
  it('accepts exactly twelve digits, including a leading zero, and trims surrounding spaces', () => {
    expect(validateAccountId('012345678901')).toBe('012345678901');
    expect(validateAccountId('  123456789012 ')).toBe('123456789012');
  });

  it('explains a short id as lost leading zeros', () => {
    expect(() => validateAccountId('12345678901')).toThrow(/only 11 digits.*leading zeros/);
  });

  it('refuses ids with dashes, spaces inside, letters, or too many digits', () => {
    for (const bad of ['1234-5678-9012', '123 456 789 012', '12345678901a', '1234567890123', '']) {
      expect(codeOf(() => validateAccountId(bad))).toBe(ErrorCode.InvalidAccountId);
    }
  });

  it('accepts every twelve-digit string', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'0123456789'), { minLength: 12, maxLength: 12 }), (digits) => {
        const id = digits.join('');
        expect(validateAccountId(id)).toBe(id);
        expect(isValidAccountId(id)).toBe(true);
      }),
    );
  });

  it('refuses every string that is not twelve digits once trimmed', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }).filter((s) => !/^\d{12}$/.test(s.trim())),
        (text) => {
          expect(codeOf(() => validateAccountId(text))).toBe(ErrorCode.InvalidAccountId);
        },
      ),
    );
  });
});

describe('root email addresses', () => {
  it('keeps a valid address as typed, apart from surrounding spaces', () => {
    expect(validateRootEmail(' AWS+Prod.Root@Example.co.uk ')).toBe('AWS+Prod.Root@Example.co.uk');
  });

  it('refuses addresses AWS Organizations would refuse', () => {
    const bad = ['', 'no-at-sign.example.com', 'two@@example.com', 'a@b@example.com', 'root@localhost', 'root @example.com', 'root@example.', 'root@.example.com', 'root@exa..mple.com', '@example.com', 'a@b.c' + 'x'.repeat(60)];
    for (const email of bad) {
      expect(codeOf(() => validateRootEmail(email)), email).toBe(ErrorCode.InvalidAccountEmail);
    }
  });

  it('refuses an address shorter than AWS allows', () => {
    expect(() => validateRootEmail('a@b.c')).toThrow(/5 characters; AWS accepts 6 to 64/);
  });

  it('accepts generated well-formed addresses within AWS length limits', () => {
    const part = fc.stringMatching(/^[a-z0-9][a-z0-9+._-]{0,14}$/);
    const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/);
    fc.assert(
      fc.property(part, label, fc.constantFrom('com', 'org', 'co.uk', 'io'), (local, domain, tld) => {
        const email = `${local}@${domain}.${tld}`;
        fc.pre(email.length >= 6 && email.length <= 64);
        expect(validateRootEmail(email)).toBe(email);
      }),
    );
  });

  it('refuses any address with white space or without exactly one @', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 64 }), (text) => {
        const trimmed = text.trim();
        fc.pre(/\s/.test(trimmed) || trimmed.split('@').length !== 2);
        expect(isValidRootEmail(text)).toBe(false);
      }),
    );
  });
});

describe('account names and records', () => {
  it('refuses empty, over-long and control-character names', () => {
    expect(codeOf(() => validateAccountName('   '))).toBe(ErrorCode.InvalidAccountName);
    expect(codeOf(() => validateAccountName('x'.repeat(51)))).toBe(ErrorCode.InvalidAccountName);
    expect(codeOf(() => validateAccountName('Prod\nInjected line'))).toBe(ErrorCode.InvalidAccountName);
    expect(validateAccountName('  Payments prod ')).toBe('Payments prod');
  });

  it('builds an account with custody defaults and the entry title used in both KeePass files', () => {
    const account = makeAccount({ accountId: '012345678901', name: 'Payments prod', rootEmail: 'aws+pay@example.com', organizationalUnit: ' Workloads ' });
    expect(account).toEqual({
      accountId: '012345678901',
      name: 'Payments prod',
      rootEmail: 'aws+pay@example.com',
      organizationalUnit: 'Workloads',
      // Nobody said what AWS reports for it: not stated, rather than a guess.
      awsStatus: null,
      rootCredentialStatus: 'custodied',
      mfa: { kind: 'virtual' },
    });
    expect(accountTitle(account)).toBe('Payments prod (012345678901)');
  });

  it('keeps a hardware MFA token serial and a centrally removed root credential', () => {
    const account = makeAccount({
      accountId: '210987654321',
      name: 'Audit',
      rootEmail: 'audit@example.com',
      mfa: { kind: 'hardware' },
      rootCredentialStatus: 'removed-centrally',
      awsStatus: 'SUSPENDED',
    });
    expect(account.mfa).toEqual({ kind: 'hardware' });
    expect(account.rootCredentialStatus).toBe('removed-centrally');
    expect(account.awsStatus).toBe('SUSPENDED');
  });
});
