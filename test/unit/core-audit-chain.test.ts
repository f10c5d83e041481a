import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GENESIS_HASH, hashAuditEvent, sealAuditEvent, verifyAuditChain, type AuditEvent } from '../../src-main/core/audit-chain';
import { canonicalJson } from '../../src-main/core/canonical-json';

function chainOf(count: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    events.push(
      sealAuditEvent(events.at(-1), {
        at: new Date(Date.UTC(2026, 10, 23, 9, i)).toISOString(),
        custodian: i % 2 ? 'Dana Whitfield' : 'Sam Okafor',
        action: 'custodian.signed-in',
        subject: `subject-${i}`,
        details: { n: i, note: 'ok' },
      }),
    );
  }
  return events;
}

describe('audit chain', () => {
  it('links each event to the one before, starting from the genesis hash', () => {
    const events = chainOf(3);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(verifyAuditChain(events)).toEqual({ intact: true, count: 3, headHash: events[2]!.hash });
  });

  it('hashes SHA-256 over the previous hash and the canonical JSON of the event', async () => {
    const [event] = chainOf(1);
    const { createHash } = await import('node:crypto');
    const body = canonicalJson({ seq: 1, at: event!.at, custodian: event!.custodian, action: event!.action, subject: event!.subject, details: event!.details });
    expect(event!.hash).toBe(createHash('sha256').update(GENESIS_HASH + body).digest('hex'));
    expect(hashAuditEvent(GENESIS_HASH, event!)).toBe(event!.hash);
  });

  it('reports a changed event with its sequence number', () => {
    const events = chainOf(5);
    events[2] = { ...events[2]!, custodian: 'Mallory' };
    expect(verifyAuditChain(events)).toMatchObject({ intact: false, firstBadSeq: 3, reason: 'hash-mismatch' });
  });

  it('reports a removed event where the gap is', () => {
    const events = chainOf(5);
    events.splice(1, 1);
    expect(verifyAuditChain(events)).toMatchObject({ intact: false, firstBadSeq: 2, reason: 'missing-or-reordered' });
  });

  it('reports two swapped events', () => {
    const events = chainOf(5);
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verifyAuditChain(events)).toMatchObject({ intact: false, firstBadSeq: 2 });
  });

  it('reports an event rewritten with a recomputed hash, because the next one no longer points at it', () => {
    const events = chainOf(4);
    const forged = { ...events[1]!, subject: 'forged' };
    events[1] = { ...forged, hash: hashAuditEvent(forged.prevHash, forged) };
    expect(verifyAuditChain(events)).toMatchObject({ intact: false, firstBadSeq: 3, reason: 'broken-link' });
  });

  it('finds any single-field change anywhere in a chain', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.string({ minLength: 1 }), (length, pick, text) => {
        const events = chainOf(length);
        const index = pick % length;
        const original = events[index]!;
        if (original.subject === text) return;
        events[index] = { ...original, subject: text };
        const verdict = verifyAuditChain(events);
        expect(verdict.intact).toBe(false);
        if (!verdict.intact) expect(verdict.firstBadSeq).toBe(index + 1);
      }),
    );
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth so equal events hash equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/not a JSON value/);
  });
});
