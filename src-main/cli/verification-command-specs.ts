import type { CliCommandSpec } from './cli-command';

export const VERIFY_USAGE = 'verify [MOUNT...] [--tokens [--token-serials S1,S2,...] [--not-presented TOKEN-ID=REASON]...] [--report FILE] [--seals S1,S2,...] [--physical-ok] [--new-seals N1,N2,...]';

export const verificationCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['verify'],
    usage: VERIFY_USAGE,
    summary:
      'Verify sticks (identity, separation, every byte, passphrase, generation, accounts, seeds, kept history, audit copy, and the physical checks: the bag serial read off each bag (--seals, in order) compared with the seal log, bag intact and location confirmed (--physical-ok); a check not given is "not checked" and leaves the stick incomplete). --new-seals logs the bags the sticks go into. --tokens adds the tokens of the safe to the run: every key plugged in now is read over USB, and --token-serials gives the serials printed on display tokens (and on keys that do not reveal theirs, kept plugged in); --not-presented TOKEN-ID=REASON records why a token of the safe is not presented (it still fails, with the reason on the report); tokens missing, unknown or not matching the inventory fail, naming their accounts. Exit 0 only if every check passes.',
    options: {
      report: { type: 'string', form: 'the file to save the report PDF in' },
      seals: { type: 'string', form: 'the bag serials read off the bags, one per stick in order, separated by commas: --seals S-104,S-105' },
      'physical-ok': { type: 'boolean', default: false },
      'new-seals': { type: 'string', form: 'the serials of the new bags, one per stick in order, separated by commas: --new-seals S-210,S-211' },
      tokens: { type: 'boolean', default: false },
      'token-serials': { type: 'string', form: 'the serials printed on the tokens, separated by commas: --token-serials GAHT-0042,12345678' },
      'not-presented': { type: 'string', multiple: true, form: 'a token id and why it is not presented: --not-presented TOKEN-03="Safe B was not opened today"' },
    },
    positionals: { min: 0, max: 64, name: 'the mount points of the sticks to verify' },
    needsCustodian: true,
  },
  {
    words: ['due'],
    usage: 'due',
    summary:
      'List media in service, and the hardware tokens in the safe, by the date their next verification is due; warn about too few replicas, lost sticks, pending writes and rotations, replicas behind, tokens checked out past their return, and a paper seed backup older than the seed store.',
    needsCustodian: false,
  },
];
