import type { ParseArgsConfig } from 'node:util';
import type { StrongroomApp } from '../app/strongroom-app';
import type { CliIo } from './cli-io';
import type { PassphraseReader } from './passphrase-input';

export type CliOptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliContext {
  readonly app: StrongroomApp;
  readonly io: CliIo;
  readonly json: boolean;
  /** Signed in for this run when the command needs a custodian. */
  readonly custodian: string | null;
  readonly passphrases: PassphraseReader;
  /** Values of the command's own options. */
  readonly options: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;
  /** Positional arguments after the command words. */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** One `strongroom` command: its words, its options, and a run over the shared app layer. */
export interface CliCommand {
  readonly words: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly options?: CliOptionSpec;
  /** Audited commands need --custodian: the run is signed in under that name and recorded. */
  readonly needsCustodian: boolean;
  run(context: CliContext): Promise<number> | number;
}
