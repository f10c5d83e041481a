import { describe, expect, it } from 'vitest';
import { auditHeadWords } from '../../src-main/print/audit-head';

describe('the audit chain head as paper prints it', () => {
  const hash = `3f9a${'0'.repeat(56)}c21e`;

  it('gives the event number with separators and the seal shortened at both ends', () => {
    expect(auditHeadWords({ seq: 1284, hash })).toBe('event 1,284 · 3f9a…c21e');
    expect(auditHeadWords({ seq: 7, hash: hash.toUpperCase() })).toBe('event 7 · 3f9a…c21e');
    expect(auditHeadWords(null)).toBe('no event recorded yet');
  });

  it('refuses a head that is not an event number with a full seal, rather than print a misleading one', () => {
    for (const bad of [{ seq: 0, hash }, { seq: 1.5, hash }, { seq: 3, hash: hash.slice(1) }, { seq: 3, hash: `${hash.slice(1)}g` }]) {
      expect(() => auditHeadWords(bad)).toThrow(/audit trail head/);
    }
  });
});
