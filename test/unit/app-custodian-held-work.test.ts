import { describe, expect, it } from 'vitest';
import { heldForCustodian } from '../../src-main/app/custodian-held-work';
import { ErrorCode } from '../../src-main/core/errors';

const GONE = { code: ErrorCode.PaperRestoreGone, sentence: 'The restored seed is no longer held. Type the lines again.' };

describe('work held for the custodian who began it', () => {
  const held = new Map([['r-1', { custodian: 'Dana Whitfield', seed: 'kept in memory' }]]);

  it('hands the work to the custodian who began it', () => {
    expect(heldForCustodian(held, 'r-1', 'Dana Whitfield', (w) => w.custodian, GONE).seed).toBe('kept in memory');
  });

  it('is as gone to another custodian as work never held, in the desk\'s own words', () => {
    for (const [id, custodian] of [['r-1', 'Lee Okafor'], ['r-2', 'Dana Whitfield']] as const) {
      expect(() => heldForCustodian(held, id, custodian, (w) => w.custodian, GONE)).toThrow(
        expect.objectContaining({ code: ErrorCode.PaperRestoreGone, message: GONE.sentence, details: {} }),
      );
    }
  });
});
