import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeStickFiles } from '../../src-main/platform/stick-folder';
import { custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

const lastEventOnStick = (stick: string) => JSON.parse(readFileSync(join(stick, 'STRONGROOM', 'audit.jsonl'), 'utf8').trim().split('\n').at(-1)!) as { action: string; seq: number; subject: string };

const breakGlass = (sticks: { vault1: string; seed1: string }) => ({
  accountId: '111111111111',
  reason: 'Annual root sign-in drill',
  vaultDevicePath: sticks.vault1,
  seedDevicePath: sticks.seed1,
  vaultPassphrase: VAULT_PASSPHRASE,
  seedPassphrase: SEED_PASSPHRASE,
  vaultCustodian: 'Dana Whitfield',
  seedCustodian: SECOND_CUSTODIAN,
});

describe('sticks witness the reads of their secrets too', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('ends the audit copy of both sticks a break-glass read with its breakglass.opened event', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const view = await k.app.breakGlass.openFor(breakGlass(k.sticks));
    expect(view.warnings).toEqual([]);
    const opened = [...k.app.catalog.audit.all()].filter((e) => e.action === 'breakglass.opened').at(-1)!;
    for (const stick of [k.sticks.vault1, k.sticks.seed1]) expect(lastEventOnStick(stick)).toMatchObject({ action: 'breakglass.opened', seq: opened.seq });
    // The sticks not used do not claim to have seen it.
    expect(lastEventOnStick(k.sticks.vault2).seq).toBeLessThan(opened.seq);
  });

  it('ends the copy of a verified stick with its verification, and of the seed stick an MFA code was read from with mfa.code-shown', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const run = k.app.verification.startRun();
    await k.app.verification.verifyMedium(run.runId, k.sticks.vault2, VAULT_PASSPHRASE, { sealSerial: 'SR-0042', bagIntact: 'yes', locationConfirmed: 'yes' });
    expect(lastEventOnStick(k.sticks.vault2)).toMatchObject({ action: 'verification.medium-checked', subject: 'VAULT-02' });

    await k.app.mfaCode.show({ accountId: '111111111111', seedDevicePath: k.sticks.seed2, seedPassphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN });
    expect(lastEventOnStick(k.sticks.seed2)).toMatchObject({ action: 'mfa.code-shown', subject: '111111111111' });
  });

  it('opens the break-glass when a stick cannot take the copy, warns the custodian and records the missing copy', async () => {
    const refusing = { on: false };
    const k = await custodyKiosk({
      stickFiles: {
        ...nodeStickFiles,
        write: async (place, name, bytes) => {
          if (refusing.on && name === 'audit.jsonl' && place.root.includes('seed-1')) throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
          return nodeStickFiles.write(place, name, bytes);
        },
      },
    });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    refusing.on = true;
    const view = await k.app.breakGlass.openFor(breakGlass(k.sticks));
    expect(view.accountId).toBe('111111111111');
    expect(view.warnings).toEqual([expect.stringMatching(/^SEEDS-01 could not take its copy of the audit trail \(EROFS\), so it does not witness this break-glass; the kiosk's trail holds it\. Run Verify on SEEDS-01/)]);
    const events = [...k.app.catalog.audit.all()];
    const opened = events.findIndex((e) => e.action === 'breakglass.opened');
    expect(events.slice(opened + 1).filter((e) => e.action === 'medium.audit-copy-missing').map((e) => [e.subject, e.details.during, e.details.error])).toEqual([['SEEDS-01', 'break-glass', 'EROFS']]);
    expect(lastEventOnStick(k.sticks.vault1).action).toBe('breakglass.opened');
    expect(lastEventOnStick(k.sticks.seed1).action).not.toBe('breakglass.opened');
  });
});
