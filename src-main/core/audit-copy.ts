import { z } from 'zod';
import type { AuditEvent } from './audit-chain';

/**
 * audit.jsonl, the copy of the audit chain a stick carries: one event per line, as JSON. The file comes from a
 * stick anyone could have had in hand, so every line is checked for the shape of an event before the chain is
 * verified; a line that is not one is reported by number, never half-read, and never crashes the verification.
 */

const hash = z.string().regex(/^[0-9a-f]{64}$/);

const AuditEventSchema = z
  .object({
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    at: z.string().min(1).max(64),
    custodian: z.string().max(200),
    action: z.string().min(1).max(200),
    subject: z.string().max(4096),
    details: z.record(z.string(), z.json()),
    prevHash: hash,
    hash,
  })
  .strict();

export type AuditCopyParse =
  | { readonly ok: true; readonly events: readonly AuditEvent[] }
  | { readonly ok: false; readonly line: number; readonly problem: string };

export function parseAuditCopy(text: string): AuditCopyParse {
  const events: AuditEvent[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { ok: false, line: index + 1, problem: 'is not valid JSON' };
    }
    const parsed = AuditEventSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'the event';
      return { ok: false, line: index + 1, problem: `is not an audit event (${field}: ${issue?.message ?? 'invalid'})` };
    }
    events.push(parsed.data as AuditEvent);
  }
  return { ok: true, events };
}
