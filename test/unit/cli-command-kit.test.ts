import { describe, expect, it } from 'vitest';
import type { StrongroomApp } from '../../src-main/app/strongroom-app';
import type { CliContext } from '../../src-main/cli/cli-command';
import { listingCommand, presentSecondCustodian, printOutcome, subjectOf } from '../../src-main/cli/command-kit';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';

function context(overrides: Omit<Partial<CliContext>, 'app'> & { app?: unknown }): { context: CliContext; out: string[] } {
  const out: string[] = [];
  const base = { json: false, custodian: 'Dana Whitfield', options: {}, args: [], env: {}, io: { out: (t: string) => out.push(t), err: (t: string) => out.push(`ERR ${t}`) } };
  return { context: { ...base, ...overrides } as unknown as CliContext, out };
}

describe('the command kit', () => {
  const listing = listingCommand({
    words: ['things', 'list'],
    summary: 'List things.',
    read: (app) => (app as unknown as { things: string[] }).things,
    empty: 'No thing yet. Add one with: strongroom things add',
    line: (thing) => `thing ${thing}`,
  });

  it('lists one line per item, the empty sentence when there is none, and JSON for a script', async () => {
    expect(listing.usage).toBe('things list');
    expect(listing.needsCustodian).toBe(false);
    const full = context({ app: { things: ['a', 'b'] } });
    expect(await listing.run(full.context)).toBe(0);
    expect(full.out).toEqual(['thing a', 'thing b']);
    const none = context({ app: { things: [] } });
    await listing.run(none.context);
    expect(none.out).toEqual(['No thing yet. Add one with: strongroom things add']);
    const json = context({ app: { things: ['a'] }, json: true });
    await listing.run(json.context);
    expect(json.out).toEqual([JSON.stringify(['a'], null, 2)]);
  });

  it('prints an outcome as a sentence, or as JSON indented as asked', () => {
    const said = context({});
    printOutcome(said.context, { done: true }, 'Done.');
    const indented = context({ json: true });
    printOutcome(indented.context, { done: true }, 'Done.');
    const compact = context({ json: true });
    printOutcome(compact.context, { done: true }, 'Done.', 0);
    expect([...said.out, ...indented.out, ...compact.out]).toEqual(['Done.', '{\n  "done": true\n}', '{"done":true}']);
  });

  it('refuses an empty subject with the command\'s own usage sentence', () => {
    expect(subjectOf({ args: ['VAULT-02'] }, 'Usage: strongroom medium seal ID')).toBe('VAULT-02');
    expect(() => subjectOf({ args: [''] }, 'Usage: strongroom medium seal ID')).toThrow(expect.objectContaining({ code: ErrorCode.Usage, message: 'Usage: strongroom medium seal ID' }));
  });

  it('asks the roster about the second custodian, and refuses a missing one as a usage error', () => {
    const asked: string[][] = [];
    const app = { custodians: { requireTwo: (action: string, first: string, second: string) => asked.push([action, first, second]) } } as unknown as StrongroomApp;
    const named = context({ app, options: { 'second-custodian': 'Lee Okafor' } });
    expect(presentSecondCustodian(named.context, 'second-custodian', 'Showing an MFA code')).toBe('Lee Okafor');
    expect(asked).toEqual([['Showing an MFA code', 'Dana Whitfield', 'Lee Okafor']]);
    const missing = context({ app });
    let refusal: unknown;
    try {
      presentSecondCustodian(missing.context, 'second-custodian', 'Showing an MFA code', 'code --second-custodian NAME');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StrongroomError);
    expect((refusal as StrongroomError).message).toBe('--second-custodian is needed. Usage: strongroom code --second-custodian NAME');
    expect(asked).toHaveLength(1);
  });
});
