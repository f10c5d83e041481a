import type { StrongroomApp } from '../../src-main/app/strongroom-app';
import { normaliseCustodianName } from '../../src-main/core/custodian';

/**
 * Registers custodians straight in the catalog, as a kiosk set up long ago would hold them, for tests about
 * something else than registration (test/unit/app-custodian-roster.test.ts covers registration itself).
 */
export function registerCustodians(app: Pick<StrongroomApp, 'catalog' | 'clock'>, ...names: string[]): void {
  for (const raw of names) {
    const name = normaliseCustodianName(raw);
    if (!app.catalog.custodians.find(name)) app.catalog.custodians.add(name, app.clock.now().toISOString(), 'test set-up');
  }
}

export function registerAndSignIn(app: StrongroomApp, name: string): ReturnType<StrongroomApp['session']['signIn']> {
  registerCustodians(app, name);
  return app.session.signIn(name);
}
