import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src-main/core/errors';
import type { HumanError } from '../../src-renderer/error-messages';
import { HUMAN_ERRORS } from '../../src-renderer/error-messages';
import { custodyKiosk, enrolAndWrite, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { refusalCode } from '../support/refusal-code';


describe('business refusals have codes of their own, never BAD_REQUEST', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('a too-short reason, an account whose root was removed centrally, a paper line that is not on the paper, an empty verification run', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const breakGlass = {
      accountId: '111111111111',
      reason: 'because',
      vaultDevicePath: k.sticks.vault1,
      seedDevicePath: k.sticks.seed1,
      vaultPassphrase: VAULT_PASSPHRASE,
      seedPassphrase: SEED_PASSPHRASE,
      vaultCustodian: 'Dana Whitfield',
      seedCustodian: 'Sam Okafor',
    };
    expect(await refusalCode(() => k.app.breakGlass.openFor(breakGlass))).toBe('REASON_TOO_SHORT');
    expect(await refusalCode(() => k.app.airGap.allowWithNetwork('lab'))).toBe('REASON_TOO_SHORT');

    k.app.accounts.add({ accountId: '333333333333', name: 'central-root', rootEmail: 'aws+central@example.com', rootCredentialStatus: 'removed-centrally' });
    expect(await refusalCode(() => k.app.enrolment.start('333333333333'))).toBe('ROOT_CREDENTIALS_REMOVED');

    expect(await refusalCode(() => k.app.paperRestore.checkPaperLine(5, 4, 'ABCD', 'AB'))).toBe('PAPER_LINE_OUT_OF_RANGE');
    expect(await refusalCode(() => k.app.paperRestore.checkPaperLine(1, 0, 'ABCD', 'AB'))).toBe('PAPER_LINE_OUT_OF_RANGE');

    const run = k.app.verification.startRun();
    expect(await refusalCode(() => k.app.verification.finishRun(run.runId))).toBe('VERIFICATION_RUN_EMPTY');
  });
});

describe('the error words table', () => {
  it('is a complete record over the error codes, so a code without words does not type-check', () => {
    const { USAGE: _dropped, ...withoutOne } = HUMAN_ERRORS;
    // @ts-expect-error a table that lacks one code is not a HUMAN_ERRORS table
    const incomplete: Readonly<Record<ErrorCode, HumanError>> = withoutOne;
    expect(Object.keys(incomplete)).not.toContain('USAGE');
  });

  it('no desk refuses with the generic BAD_REQUEST: that code is left to malformed requests at the channel boundary', () => {
    const dir = join(__dirname, '../../src-main/app');
    const offenders = readdirSync(dir).filter((f) => f.endsWith('.ts') && readFileSync(join(dir, f), 'utf8').includes('ErrorCode.BadRequest'));
    expect(offenders).toEqual([]);
  });
});
