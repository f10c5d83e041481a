/**
 * The checks of a stick's verification, by the name the report prints. The verification desk records them by
 * these names and the printed report reads its findings back by them, so both take them from here.
 */
export const CHECK = {
  identity: 'Device identity',
  role: 'Role and separation',
  content: 'Content unchanged',
  opens: 'Opens with the passphrase',
  generation: 'Newest generation',
  accounts: 'Account set',
  seeds: 'Seeds usable and consistent',
  history: 'Kept history',
  audit: 'Audit copy',
  seal: 'Seal serial',
  bag: 'Bag intact',
  location: 'Location',
} as const;

/** The checks a verifier makes by hand on the stick's seal, bag and place: a failure there is a custody doubt. */
export const PHYSICAL_CHECKS: ReadonlySet<string> = new Set([CHECK.seal, CHECK.bag, CHECK.location]);
