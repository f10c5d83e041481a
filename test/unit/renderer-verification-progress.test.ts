import { describe, expect, it } from 'vitest';
import type { MediumVerificationView, RunReportView } from '../../src-main/contract/verification-views';
import { doneCount, finishSummary, namesInWords, stickStates } from '../../src-renderer/screens/verify/run-progress';

const check = (name: string, status: 'passed' | 'failed' | 'not-checked') => ({ name, status, passed: status === 'passed', sentence: `${name} ${status}.` });
const result = (mediumId: string, outcome: MediumVerificationView['outcome'], checks = [check('Device identity', 'passed')]): MediumVerificationView => ({
  mediumId,
  role: mediumId.startsWith('VAULT') ? 'vault' : 'seed',
  location: 'On site',
  outcome,
  checks,
  witnessWarnings: [],
  verifiedAt: '2026-12-01T10:00:00.000Z',
  nextDueAt: null,
});
const report = (media: MediumVerificationView[], tokens: RunReportView['tokens'] = null): RunReportView => ({
  runId: 'VR-1',
  fingerprint: 'f'.repeat(64),
  pageCount: 2,
  allPassed: media.every((m) => m.outcome === 'passed') && tokens?.passed !== false,
  media,
  tokens,
  savedTo: '/reports/VR-1.pdf',
  documentId: 'doc-1',
});
const expected = ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02'];

describe('the Verify screen tells the verifier how far the run is and what failed', () => {
  it('lists every stick in service as waiting, checking at its step, or with its result and reason', () => {
    const failed = result('SEEDS-02', 'failed', [check('Opens with the passphrase', 'failed'), check('Newest generation', 'failed'), check('Bag intact', 'not-checked')]);
    const states = stickStates(expected, [result('VAULT-01', 'passed'), failed], { mediumId: 'VAULT-02', step: 'Reading every byte of vault.kdbx' });
    expect(states).toEqual([
      { mediumId: 'VAULT-01', state: 'passed', reason: null },
      { mediumId: 'VAULT-02', state: 'checking', step: 'Reading every byte of vault.kdbx' },
      { mediumId: 'SEEDS-01', state: 'waiting' },
      { mediumId: 'SEEDS-02', state: 'failed', reason: 'Opens with the passphrase, Newest generation' },
    ]);
    expect(doneCount(states)).toBe('2 of 4 sticks done');
  });

  it('keeps a stick verified in the run that the schedule no longer lists', () => {
    const states = stickStates(['VAULT-01'], [result('VAULT-09', 'incomplete', [check('Location', 'not-checked')])], null);
    expect(states.map((s) => s.mediumId)).toEqual(['VAULT-01', 'VAULT-09']);
    expect(states[1]).toEqual({ mediumId: 'VAULT-09', state: 'incomplete', reason: 'not checked: Location' });
    expect(doneCount(states)).toBe('1 of 2 sticks done');
    expect(stickStates(['VAULT-01'], [], 'finished')).toEqual([{ mediumId: 'VAULT-01', state: 'not-verified' }]);
  });

  it('names the failed sticks by medium id with their reasons, instead of counting them', () => {
    const summary = finishSummary(
      report([
        result('VAULT-01', 'passed'),
        result('VAULT-02', 'passed'),
        result('SEEDS-02', 'failed', [check('Seeds usable and consistent', 'failed')]),
        result('SEEDS-01', 'incomplete', [check('Bag intact', 'not-checked')]),
        result('VAULT-03', 'failed', [check('Content unchanged', 'failed')]),
      ]),
      [...expected, 'VAULT-03'],
    );
    expect(summary.allWell).toBe(false);
    expect(summary.sentence).toBe(
      'SEEDS-02 and VAULT-03 failed: SEEDS-02 (Seeds usable and consistent); VAULT-03 (Content unchanged). SEEDS-01 is incomplete: SEEDS-01 (not checked: Bag intact).',
    );
  });

  it('does not call a run that skipped a stick a pass, and names a failed token check', () => {
    const tokens = {
      passed: false,
      expected: 2,
      presented: 1,
      checkedAt: '2026-12-01T10:00:00.000Z',
      checkedBy: 'Dana Whitfield',
      rows: [
        { tokenId: 'TOKEN-01', token: 'TOKEN-01 (YubiKey)', status: 'present' as const, passed: true, sentence: 'Presented.', accounts: [] },
        { tokenId: 'TOKEN-02', token: 'TOKEN-02 (Display token)', status: 'missing' as const, passed: false, sentence: 'Not presented.', accounts: [] },
      ],
    };
    const summary = finishSummary(report([result('VAULT-01', 'passed'), result('SEEDS-01', 'passed')], tokens), expected);
    expect(summary).toEqual({ allWell: false, sentence: 'The token check failed: TOKEN-02. VAULT-02 and SEEDS-02 were not verified in this run.' });
  });

  it('says every stick passed only when each one in service passed', () => {
    const all = report(expected.map((id) => result(id, 'passed')));
    expect(finishSummary(all, expected)).toEqual({ allWell: true, sentence: 'every stick passed (4).' });
    expect(namesInWords(['A', 'B', 'C'])).toBe('A, B and C');
  });
});
