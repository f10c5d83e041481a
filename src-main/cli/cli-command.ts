import type { StrongroomApp } from '../app/strongroom-app';
import type { CliIo } from './cli-io';
import type { PassphraseReader } from './passphrase-input';

/**
 * One option of a command. Beyond what node:util parseArgs needs, it says what form a value takes, so a value
 * in the wrong form is a usage error naming the option and that form, before anything runs.
 */
export interface CliOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string | boolean;
  /** The accepted form, in words: "a medium id such as VAULT-02". */
  readonly form?: string;
  /** Whether a value has that form; absent, any non-empty value does. */
  readonly accepts?: (value: string) => boolean;
}

export type CliOptionSpec = Readonly<Record<string, CliOption>>;

export interface CliContext {
  readonly app: StrongroomApp;
  readonly io: CliIo;
  readonly json: boolean;
  /** Signed in for this run when the command needs a custodian. */
  readonly custodian: string | null;
  readonly passphrases: PassphraseReader;
  /** Values of the command's own options, each already in its accepted form. */
  readonly options: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;
  /** Positional arguments after the command words. */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * What `--help`, usage and dispatch need of a command: its words, forms and options, and whether it is audited.
 * Specs live apart from the runs, so finding and checking a command line loads no command's work.
 */
export interface CliCommandSpec {
  readonly words: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly options?: CliOptionSpec;
  /** Positional arguments after the command words; none when absent. */
  readonly positionals?: { readonly min: number; readonly max: number; readonly name: string };
  /** Audited commands need --custodian: the run is signed in under that name and recorded. */
  readonly needsCustodian: boolean;
}

/** A command's work: its run over the shared app layer, the exit code its result. */
export interface CommandRun {
  run(context: CliContext): Promise<number> | number;
}

/** The runs of one command family, keyed by the command's words joined with a space ("accounts import"). */
export type CommandRuns = Readonly<Record<string, CommandRun>>;

/** One `strongroom` command: its words, its options, and a run over the shared app layer. */
export interface CliCommand extends CliCommandSpec, CommandRun {}
