import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-main/catalog/catalog';
import { flipByteInCatalog } from '../support/catalog-tamper';
import { makeTempHome } from '../support/temp-home';

describe('a catalog edited behind Strongroom\'s back', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('reports the first altered event when one byte of the database file is changed', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const catalog = Catalog.open(home);
    for (let i = 1; i <= 6; i += 1) {
      catalog.audit.append({ at: `2026-11-23T09:0${i}:00.000Z`, custodian: 'Dana Whitfield', action: 'medium.labelled', subject: `MARK-${i}-SUBJECT`, details: {} });
    }
    expect(catalog.audit.verify().intact).toBe(true);
    catalog.close();

    flipByteInCatalog(home, 'MARK-4-SUBJECT');

    const reopened = Catalog.open(home);
    const verdict = reopened.audit.verify();
    reopened.close();
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 4, reason: 'hash-mismatch' });
  });

  it('reports a deleted event', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const catalog = Catalog.open(home);
    for (let i = 1; i <= 4; i += 1) {
      catalog.audit.append({ at: '2026-11-23T09:00:00.000Z', custodian: 'Dana Whitfield', action: 'x', subject: `s${i}`, details: {} });
    }
    catalog.db.prepare('DELETE FROM audit_events WHERE seq = 2').run();
    expect(catalog.audit.verify()).toMatchObject({ intact: false, firstBadSeq: 2, reason: 'missing-or-reordered' });
    catalog.close();
  });
});
