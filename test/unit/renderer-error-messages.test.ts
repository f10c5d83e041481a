import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src-main/core/errors';
import { HUMAN_ERRORS } from '../../src-renderer/error-messages';

describe('error words for custodians', () => {
  it('has a title and a next step for every error code', () => {
    const missing = Object.values(ErrorCode).filter((code) => !HUMAN_ERRORS[code]?.title || !HUMAN_ERRORS[code]?.next);
    expect(missing).toEqual([]);
  });
});
