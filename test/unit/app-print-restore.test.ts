import { afterEach, describe, expect, it } from 'vitest';
import type { StrongroomApp } from '../../src-main/app/strongroom-app';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import { parseSeed } from '../../src-main/core/seed';
import { splitSeedIntoLines } from '../../src-main/core/seed-line-check';
import { twoConsecutiveCodes } from '../../src-main/core/totp';
import { custodyKiosk, enrolAndWrite, SEED_A } from '../support/custody-fixture';
import { FakeClock } from '../support/fake-clock';
import { registerAndSignIn } from '../support/custodians';

function refusal(work: () => unknown): StrongroomError {
  try {
    work();
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** One character of a typed line changed to another base32 letter, as a misread would. */
function misread(text: string, at: number): string {
  const replacement = text[at] === 'Q' ? 'R' : 'Q';
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

const events = (app: StrongroomApp, action: string) => [...app.catalog.audit.all()].filter((e) => e.action === action);

describe('restoring a seed from the paper backup', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('checks each typed line, flags the mistyped one by number, and restores the seed that gives the original codes', async () => {
    const clock = new FakeClock('2026-11-23T10:00:10Z');
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    const desk = k.app.paperRestore;
    const paper = splitSeedIntoLines(SEED_A);
    expect(paper).toHaveLength(4);
    // Typed as a custodian reads it: groups with spaces, lower case.
    const typed = paper.map((line) => ({ text: line.groups.join(' ').toLowerCase(), check: line.check }));
    for (const [index, line] of typed.entries()) {
      expect(desk.checkPaperLine(index + 1, paper.length, line.text, line.check)).toMatchObject({ ok: true, lineNumber: index + 1 });
    }

    const wrongLine = { text: misread(paper[1]!.text, 6), check: paper[1]!.check };
    const verdict = desk.checkPaperLine(2, paper.length, wrongLine.text, wrongLine.check);
    expect(verdict).toMatchObject({ ok: false, lineNumber: 2, problem: 'check-mismatch' });
    expect(!verdict.ok && verdict.message).toContain('Line 2');

    const refused = refusal(() => desk.restoreSeed([typed[0]!, wrongLine, typed[2]!, typed[3]!], '111111111111'));
    expect(refused.code).toBe(ErrorCode.SeedLineWrong);
    expect(refused.message).toContain('Line 2');
    expect(refused.message).not.toContain(paper[1]!.text);
    expect(events(k.app, 'paper.seed-restore-failed')[0]!.details).toMatchObject({ wrongLines: '2' });

    const restored = desk.restoreSeed(typed, '111111111111');
    const original = twoConsecutiveCodes(parseSeed(SEED_A), clock.now());
    expect(restored).toMatchObject({ accountId: '111111111111', accountName: 'prod-payments' });
    expect(restored.codes.current.code).toBe(original.current.code);
    expect(restored.codes.next.code).toBe(original.next.code);
    clock.advanceSeconds(30);
    expect(desk.restoredCodes(restored.restoreId).current.code).toBe(original.next.code);

    expect(events(k.app, 'paper.seed-restored')[0]).toMatchObject({ subject: '111111111111', details: { restore: restored.restoreId, lineCount: 4 } });
    expect(JSON.stringify([...k.app.catalog.audit.all()])).not.toContain(SEED_A);
  });

  it('starts a re-enrolment of the account with a new password and the restored seed already set', async () => {
    const clock = new FakeClock('2026-11-23T10:00:10Z');
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    const desk = k.app.paperRestore;
    const lines = splitSeedIntoLines(SEED_A).map((line) => ({ text: line.text, check: line.check }));
    const restored = desk.restoreSeed(lines);
    expect(restored.accountId).toBeNull();

    const { enrolment, codes } = desk.restoreToEnrolment(restored.restoreId, '111111111111');
    expect(enrolment).toMatchObject({ accountId: '111111111111', hasSeed: true, awsAccepted: false });
    expect(codes.current.code).toBe(twoConsecutiveCodes(parseSeed(SEED_A), clock.now()).current.code);
    expect(k.app.enrolment.list().map((e) => e.enrolmentId)).toEqual([enrolment.enrolmentId]);
    expect(k.app.enrolment.revealPassword(enrolment.enrolmentId)).toHaveLength(40);
    expect(events(k.app, 'paper.re-enrolment-started')[0]).toMatchObject({ subject: '111111111111', details: { enrolment: enrolment.enrolmentId } });
    // The enrolment holds the seed now; the restore's copy is gone.
    expect(refusal(() => desk.restoredCodes(restored.restoreId)).code).toBe(ErrorCode.PaperRestoreGone);
  });

  it('does not re-enrol an account already enrolled here: its seed is in the seed store, and rotation changes credentials', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    const lines = splitSeedIntoLines(SEED_A).map((line) => ({ text: line.text, check: line.check }));
    const restored = k.app.paperRestore.restoreSeed(lines, '111111111111');
    const refused = refusal(() => k.app.paperRestore.restoreToEnrolment(restored.restoreId, '111111111111'));
    expect(refused.code).toBe(ErrorCode.AccountAlreadyEnrolled);
    expect(refused.message).toContain('rotate it on the Accounts screen');
    expect(k.app.enrolment.list()).toEqual([]);
    // The restored seed is still held, for the custodian to use its codes.
    expect(k.app.paperRestore.restoredCodes(restored.restoreId).current.code).toMatch(/^\d{6}$/);
  });

  it('will not re-enrol another account than the one the seed was restored for', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const lines = splitSeedIntoLines(SEED_A).map((line) => ({ text: line.text, check: line.check }));
    const restored = k.app.paperRestore.restoreSeed(lines, '111111111111');
    const refused = refusal(() => k.app.paperRestore.restoreToEnrolment(restored.restoreId, '222222222222'));
    expect(refused.code).toBe(ErrorCode.RestoreAccountMismatch);
    expect(refused.message).toContain('restored for account 111111111111');
    expect(k.app.enrolment.list()).toEqual([]);
  });

  it('wipes a restored seed when the kiosk locks', async () => {
    const clock = new FakeClock();
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    const lines = splitSeedIntoLines(SEED_A).map((line) => ({ text: line.text, check: line.check }));
    const restored = k.app.paperRestore.restoreSeed(lines, '111111111111');
    clock.advanceMinutes(6);
    expect(k.app.session.status().lockedForIdle).toBe(true);
    registerAndSignIn(k.app, 'Dana Whitfield');
    expect(refusal(() => k.app.paperRestore.restoredCodes(restored.restoreId)).code).toBe(ErrorCode.PaperRestoreGone);
    expect(events(k.app, 'print.secrets-wiped')[0]!.details).toMatchObject({ how: 'locked-idle', restoredSeeds: 1 });
  });

  it('refuses a line position that cannot exist instead of guessing', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    expect(refusal(() => k.app.paperRestore.checkPaperLine(5, 4, 'ABCD', 'AB')).code).toBe(ErrorCode.PaperLineOutOfRange);
    expect(refusal(() => k.app.paperRestore.checkPaperLine(1, 40, 'ABCD', 'AB')).message).toContain('between 1 and 32 lines');
  });
});
