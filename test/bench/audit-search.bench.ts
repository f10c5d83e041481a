import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { auditTrailOf } from '../../src-main/app/audit-trail';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { isolatedNetworkProbe } from '../../src-main/platform/network-probe';
import { registerAndSignIn } from '../support/custodians';

/**
 * What a custodian waits for on the Audit screen of a kiosk that has kept its trail for years: one page of 100 for
 * each kind of filter, over 50,000 entries (a busy kiosk's decade). Free text and "alarms only" read every entry's
 * words in main; custodian and action are counted by SQLite. Run with `npx vitest bench test/bench/audit-search.bench.ts`.
 */

const ENTRIES = 50_000;
const ACTIONS = ['custodian.signed-in', 'artefact.written', 'artefact.write-refused', 'verification.medium-checked', 'breakglass.opened', 'token.seen'];

const app = new StrongroomApp({ home: mkdtempSync(join(tmpdir(), 'strongroom-bench-audit-')), env: {}, network: isolatedNetworkProbe });
registerAndSignIn(app, 'Dana Whitfield');
app.catalog.db.transaction(() => {
  for (let i = 0; i < ENTRIES; i += 1) {
    app.catalog.audit.append({
      at: new Date(Date.UTC(2016, 0, 1) + i * 6 * 3_600_000).toISOString(),
      custodian: i % 3 ? 'Dana Whitfield' : 'Sam Okafor',
      action: ACTIONS[i % ACTIONS.length]!,
      subject: i % 2 ? `VAULT-0${i % 4}` : String(100000000000 + (i % 60)),
      details: { generation: i, sha256: 'ab'.repeat(32), outcome: i % 97 ? 'passed' : 'failed', reasons: 'partition 1 holds vault.kdbx' },
    });
  }
})();
const trail = auditTrailOf(app);

describe(`one page of the Audit screen over ${ENTRIES.toLocaleString('en')} entries`, () => {
  bench('no filter', () => void trail.page({ limit: 100 }));
  bench('one custodian', () => void trail.page({ filter: { custodian: 'Sam Okafor' }, limit: 100 }));
  bench('one medium (subject or details)', () => void trail.page({ filter: { subject: 'VAULT-02' }, limit: 100 }));
  bench('one month', () => void trail.page({ filter: { fromDay: '2020-03-01', toDay: '2020-03-31' }, limit: 100 }));
  bench('free text over every entry', () => void trail.page({ filter: { text: 'refused partition' }, limit: 100 }), { iterations: 5 });
  bench('refusals, failures and alarms only', () => void trail.page({ filter: { alarmsOnly: true }, limit: 100 }), { iterations: 5 });
  bench('verify the whole chain', () => void trail.verify(), { iterations: 5 });
});
