import fc from 'fast-check';
import { sealAuditEvent, verifyAuditChain, type AuditEvent } from '../../../src-main/core/audit-chain';
import { parseAuditCopy } from '../../../src-main/core/audit-copy';
import { canonicalJson } from '../../../src-main/core/canonical-json';
import { mutatedJson, mutatedText } from '../arbitraries';
import { fuzzProperty, type FuzzProperty } from '../fuzz-kit';

const detailValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
const chain = fc
  .array(fc.record({ action: fc.constantFrom('medium.labelled', 'artefact.written', 'breakglass.opened'), subject: fc.string({ maxLength: 20 }), details: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), detailValue, { maxKeys: 3 }) }), { minLength: 1, maxLength: 8 })
  .map((entries) => {
    const events: AuditEvent[] = [];
    entries.forEach((entry, i) => events.push(sealAuditEvent(events.at(-1), { at: `2026-03-02T09:${String(10 + i).padStart(2, '0')}:00.000Z`, custodian: 'Ana Duarte', ...entry })));
    return events;
  });
const asLines = (events: readonly unknown[]) => `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;

/** Whatever parses is a list of events the chain check can judge without crashing. */
function parsesSafely(text: string): boolean {
  const parsed = parseAuditCopy(text);
  if (!parsed.ok) return parsed.line >= 1 && parsed.problem.length > 0;
  const verdict = verifyAuditChain(parsed.events);
  return typeof verdict.intact === 'boolean';
}

export const auditCopyProperties: readonly FuzzProperty[] = [
  fuzzProperty('audit.jsonl', 'any text is read as events or refused naming a line, and the chain check never crashes', fc.property(fc.string({ maxLength: 300 }), parsesSafely)),
  fuzzProperty('audit.jsonl', 'an audit copy Strongroom wrote reads back whole and verifies', fc.property(chain, (events) => {
    const parsed = parseAuditCopy(asLines(events));
    return parsed.ok && canonicalJson(parsed.events) === canonicalJson(events) && verifyAuditChain(parsed.events).intact;
  })),
  fuzzProperty(
    'audit.jsonl',
    'a copy changed anywhere is refused or fails the chain check, never taken as the original',
    fc.property(chain.chain((events) => fc.tuple(fc.constant(events), mutatedText(asLines(events)))), ([events, damaged]) => {
      const parsed = parseAuditCopy(damaged);
      if (!parsed.ok || !verifyAuditChain(parsed.events).intact) return true;
      return canonicalJson(parsed.events) === canonicalJson(events.slice(0, parsed.events.length));
    }),
  ),
  fuzzProperty(
    'audit.jsonl',
    'an event with any one value changed is refused or breaks the chain',
    fc.property(chain.chain((events) => fc.tuple(fc.constant(events), mutatedJson(events[0]))), ([events, changed]) => {
      const copy: unknown[] = [changed, ...events.slice(1)];
      const parsed = parseAuditCopy(asLines(copy));
      if (!parsed.ok) return true;
      return !verifyAuditChain(parsed.events).intact || canonicalJson(parsed.events[0]) === canonicalJson(events[0]);
    }),
  ),
];
