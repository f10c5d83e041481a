import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionTitle, KNOWN_AUDIT_ACTIONS } from '../../src-main/core/audit-action-titles';
import { describeAuditEvent } from '../../src-main/core/audit-event-words';

const SOURCE = join(__dirname, '../../src-main');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

// Every way the app records an event names its action as a literal: `record({ action: '…' })`, a desk's
// `this.audit('…', …)`, or a change that returns `{ action: '…' }`.
const RECORDED = /\baction: '([a-z-]+\.[a-z.-]+)'|\baudit\('([a-z-]+\.[a-z.-]+)'/g;

function recordedActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SOURCE)) {
    for (const match of readFileSync(file, 'utf8').matchAll(RECORDED)) {
      const action = match[1] ?? match[2]!;
      if (!found.has(action)) found.set(action, file.slice(SOURCE.length + 1));
    }
  }
  return found;
}

describe('audit action titles', () => {
  it('has words for every action the app records, so none shows on the audit screen as its raw name', () => {
    const recorded = recordedActions();
    // The scan itself must see the app's events, or this test would pass on nothing.
    expect(recorded.size).toBeGreaterThan(80);
    expect(recorded.has('custodian.registered') && recorded.has('incident.opened') && recorded.has('keycards.drawn')).toBe(true);
    const known = new Set(KNOWN_AUDIT_ACTIONS);
    const missing = [...recorded].filter(([action]) => !known.has(action)).map(([action, file]) => `${action} (recorded in ${file})`);
    expect(missing).toEqual([]);
  });

  it('titles each recorded action in words, and shows an action it does not know as recorded', () => {
    for (const action of recordedActions().keys()) expect(auditActionTitle(action), action).not.toBe(action);
    expect(auditActionTitle('future.thing')).toBe('future.thing');
    expect(auditActionTitle('__proto__')).toBe('__proto__');
  });

  it('describes a custodian registration, an incident and a key-card draw by their titles', () => {
    const said = (action: string) => describeAuditEvent({ custodian: 'Dana', action, subject: 'INC-1', details: {} }).sentence;
    expect(said('custodian.registered')).toBe('Custodian registered: INC-1.');
    expect(said('incident.opened')).toBe('Incident opened: INC-1.');
    expect(said('keycards.drawn')).toBe('Key cards drawn: INC-1.');
  });
});

describe('audit highlights of the newly worded actions', () => {
  it('marks a root password shown during rotation or a pending break-glass as a secret shown, and a lost stick or air gap as an alarm', () => {
    const word = (action: string) => describeAuditEvent({ custodian: 'Dana', action, subject: 'x', details: {} }).highlightWord;
    expect(word('rotation.password-shown')).toBe('Secret shown');
    expect(word('breakglass.pending-password-revealed')).toBe('Secret shown');
    expect(word('medium.reported-lost')).toBe('Alarm');
    expect(word('airgap.lost')).toBe('Alarm');
    expect(word('audit.tamper-alarm')).toBe('Alarm');
    expect(word('incident.resolved')).toBeNull();
  });
});
