import { FORMS } from './cli-options';
import type { CliCommandSpec, CliOptionSpec } from './cli-command';
import { listingSpec, subjectChangeSpec } from './command-kit';

export const ACCOUNT_LIST = {
  type: 'string',
  form: 'a comma-separated list of 12-digit account ids',
  accepts: (v: string) => v.split(',').every((id) => /^\s*\d{12}\s*$/.test(id)),
} as const;

export const REASON = { type: 'string', form: 'the reason, in words' } as const;

/** One change to the token named on the command line. */
function tokenChangeSpec(words: string, usage: string, summary: string, options: CliOptionSpec): CliCommandSpec {
  return subjectChangeSpec({ words: ['tokens', words], usage, summary, options, subject: 'a token id such as TOKEN-07' });
}

export const tokenCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['tokens', 'add'],
    usage: 'tokens add --kind fido|totp --serial S --model M [--make X] --location "Safe A, shelf 2" [--accounts ID,ID] [--aaguid UUID]',
    summary: 'Add a hardware MFA token (FIDO security key or TOTP display token) to the inventory.',
    options: {
      kind: { type: 'string', form: 'fido or totp', accepts: (v) => /^\s*(fido|totp)\s*$/i.test(v) },
      serial: { type: 'string', form: 'the serial printed on the token' },
      model: { type: 'string', form: 'the model, such as "YubiKey 5 NFC"' },
      make: { type: 'string', form: 'the maker, such as Yubico' },
      location: { type: 'string', form: 'where it is kept, such as "Safe A, shelf 2"' },
      accounts: ACCOUNT_LIST,
      aaguid: { type: 'string', form: 'a FIDO AAGUID such as cb69481e-8ff7-4039-93ec-0a2729a154a8' },
    },
    needsCustodian: true,
  },
  listingSpec({
    words: ['tokens', 'list'],
    usage: 'tokens list [--json]',
    summary: 'List the token inventory: state, who has a token out and since when, the accounts each protects.',
  }),
  tokenChangeSpec('assign', 'tokens assign TOKEN-ID --accounts ID,ID', 'Record that a token is registered as an MFA device on these accounts in AWS.', { accounts: ACCOUNT_LIST }),
  tokenChangeSpec('unassign', 'tokens unassign TOKEN-ID --accounts ID,ID', 'Record that a token was deregistered in AWS from these accounts.', { accounts: ACCOUNT_LIST }),
  tokenChangeSpec('lost', 'tokens lost TOKEN-ID --reason TEXT', 'Record a token as lost; the accounts it protected are flagged for a replacement.', { reason: REASON }),
  tokenChangeSpec('revoke', 'tokens revoke TOKEN-ID --reason TEXT', 'Record a token as revoked (no longer to be used); the accounts it protected are flagged.', { reason: REASON }),
  tokenChangeSpec('destroy', 'tokens destroy TOKEN-ID --reason TEXT', 'Record a token as destroyed (refused while AWS may still expect it).', { reason: REASON }),
  tokenChangeSpec('checkout', 'tokens checkout TOKEN-ID --reason TEXT [--to "Name A,Name B"] [--hours N]', 'Check a token out of the safe to named custodians, with a reason and a time to return it by.', { reason: REASON, to: { type: 'string', form: 'the custodians\' names, comma-separated, such as "Alice,Bob"' }, hours: { type: 'string', ...FORMS.wholeNumber } }),
  tokenChangeSpec('checkin', 'tokens checkin TOKEN-ID [--serial SERIAL]', 'Check a token back in: plugged in and read over USB, or by the serial printed on it.', { serial: { type: 'string', form: 'the serial printed on the token' } }),
  {
    words: ['tokens', 'detect'],
    usage: 'tokens detect [--json]',
    summary: 'List the security keys plugged in now, with what was read from each and which token it is.',
    needsCustodian: false,
  },
  {
    words: ['tokens', 'report'],
    usage: 'tokens report [--json]',
    summary: 'CIS-style summary: accounts without hardware MFA or with one MFA device, tokens to replace, tokens not seen.',
    needsCustodian: false,
  },
];
