import type { StrongroomApp } from '../app/strongroom-app';
import type { WriteJobReport } from '../app/write-jobs';
import type { CliCommand, CliCommandSpec, CliContext, CliOptionSpec, CommandRun } from './cli-command';
import { usageError } from './cli-options';
import { requiredOption } from './option-values';
import { printWriteJob } from './write-job-output';

/**
 * The parts every command module builds its commands from: a listing, the result of one change, the job a write
 * made, the thing a command acts on, and the second custodian of a two-person action. One place each, so a
 * listing or a refusal reads the same whichever command prints it.
 */

type Printing = Pick<CliContext, 'io' | 'json'>;

/** A result as JSON (indented unless told otherwise) for a script, or as one sentence for the custodian. */
export function printOutcome(context: Printing, value: unknown, sentence: string, indent = 2): void {
  context.io.out(context.json ? JSON.stringify(value, null, indent) : sentence);
}

/** A write job: its JSON for a script, then its lines on a terminal; the exit code says whether every stick took it. */
export function reportWriteJob(context: CliContext, job: WriteJobReport): number {
  if (context.json) context.io.out(JSON.stringify(job, null, 2));
  return printWriteJob(context, job);
}

/**
 * The thing a command acts on, its one positional argument. The command line already holds one; an empty one
 * (`strongroom tokens lost ""`) is a usage error in the command's own words.
 */
export function subjectOf(context: Pick<CliContext, 'args'>, unnamed: string, details?: Record<string, string>): string {
  const subject = context.args[0];
  if (!subject) throw usageError(unnamed, details);
  return subject;
}

/** Two-person control: the second custodian is always named; nothing defaults to the one signed in. */
export const SECOND_CUSTODIAN_OPTION = { type: 'string', form: 'the name of a second registered custodian, present now' } as const;

/**
 * The second custodian named by `option`, refused (not registered, or the one signed in) before any passphrase
 * is typed, so a refusal never follows a passphrase already entered.
 */
export function presentSecondCustodian(context: CliContext, option: string, action: string, usage?: string): string {
  const second = requiredOption(context, option, usage);
  context.app.custodians.requireTwo(action, context.custodian!, second);
  return second;
}

export interface ListingSpecShape {
  readonly words: readonly string[];
  /** Absent: the command's words, a listing taking no option of its own. */
  readonly usage?: string;
  readonly summary: string;
}

export interface ListingRunShape<T> {
  readonly read: (app: StrongroomApp) => readonly T[];
  /** Said when there is nothing to list, with what to do to have something. */
  readonly empty: string;
  readonly line: (item: T) => string;
  /** Spaces of JSON indentation; 0 prints it on one line. */
  readonly indent?: number;
}

export type ListingShape<T> = ListingSpecShape & ListingRunShape<T>;

/** A read-only listing open to anyone at the kiosk: no option of its own unless its usage says so. */
export function listingSpec(shape: ListingSpecShape): CliCommandSpec {
  return { words: shape.words, usage: shape.usage ?? shape.words.join(' '), summary: shape.summary, needsCustodian: false };
}

/** A listing's run: JSON for a script, else one line per item or the empty sentence. */
export function listingRun<T>(shape: ListingRunShape<T>): CommandRun {
  return {
    run({ app, io, json }) {
      const items = shape.read(app);
      if (json) io.out(JSON.stringify(items, null, shape.indent ?? 2));
      else if (items.length === 0) io.out(shape.empty);
      else for (const item of items) io.out(shape.line(item));
      return 0;
    },
  };
}

/** A read-only listing open to anyone at the kiosk: JSON for a script, else one line per item or the empty sentence. */
export function listingCommand<T>(shape: ListingShape<T>): CliCommand {
  return { ...listingSpec(shape), ...listingRun(shape) };
}

export interface SubjectChangeSpecShape {
  readonly words: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly options?: CliOptionSpec;
  /** What the one argument names, for the usage error when it is missing: "the medium id, such as VAULT-02". */
  readonly subject: string;
}

export interface SubjectChangeRunShape<R> {
  /** The usage error when the argument is given empty, and its details. */
  readonly unnamed: string;
  readonly unnamedDetails?: Record<string, string>;
  readonly change: (context: CliContext, subject: string) => Promise<R> | R;
  /** The result in one sentence for the custodian; a script gets it as JSON. */
  readonly said: (result: R) => string;
  readonly indent?: number;
}

export type SubjectChangeShape<R> = SubjectChangeSpecShape & SubjectChangeRunShape<R>;

/** An audited change to the one thing named on the command line (a token, a stick). */
export function subjectChangeSpec(shape: SubjectChangeSpecShape): CliCommandSpec {
  return {
    words: shape.words,
    usage: shape.usage,
    summary: shape.summary,
    ...(shape.options ? { options: shape.options } : {}),
    positionals: { min: 1, max: 1, name: shape.subject },
    needsCustodian: true,
  };
}

/** The change's run: make it, print what the thing now is. */
export function subjectChangeRun<R>(shape: SubjectChangeRunShape<R>): CommandRun {
  return {
    async run(context) {
      const result = await shape.change(context, subjectOf(context, shape.unnamed, shape.unnamedDetails));
      printOutcome(context, result, shape.said(result), shape.indent);
      return 0;
    },
  };
}

/** An audited change to the one thing named on the command line (a token, a stick): run it, print what it now is. */
export function subjectChangeCommand<R>(shape: SubjectChangeShape<R>): CliCommand {
  return { ...subjectChangeSpec(shape), ...subjectChangeRun(shape) };
}
