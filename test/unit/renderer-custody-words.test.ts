import { describe, expect, it } from 'vitest';
import { custodyWords } from '../../src-renderer/screens/accounts/custody-words';

describe('the Accounts screen custody column', () => {
  it('says "Kept here" only of an enrolled account', () => {
    expect(custodyWords({ lifecycle: 'active', enrolledAt: '2026-11-01T10:00:00Z' })).toBe('Kept here');
    expect(custodyWords({ lifecycle: 'active', enrolledAt: null })).toBe('Not kept yet: enrol it');
    expect(custodyWords({ lifecycle: 'suspended', enrolledAt: null })).not.toMatch(/^Kept/);
    expect(custodyWords({ lifecycle: 'pending-closure', enrolledAt: null })).not.toMatch(/^Kept/);
    expect(custodyWords({ lifecycle: 'left-organisation', enrolledAt: null })).not.toMatch(/^Kept/);
    // States that speak of retired or removed credentials say so, enrolled or not.
    expect(custodyWords({ lifecycle: 'removed-centrally', enrolledAt: null })).toBe('Removed centrally');
    expect(custodyWords({ lifecycle: 'closed', enrolledAt: '2026-11-01T10:00:00Z' })).toBe('Closed: credentials retired');
  });
});
