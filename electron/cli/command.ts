import { readFileSync, writeFileSync } from 'node:fs';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import type { Workspace } from '../app/workspace';

/** A mistake in the command line itself: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** An option as node:util parseArgs takes it. */
export interface CliOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
}

/** What a command gets: the parsed options, the words after the command's own, and a way to make calls. */
export interface CliRun {
  values: CliValues;
  /** Positional words after the command's name (file names). */
  args: string[];
  /** Makes a call through the dispatcher as the acting user — the role check and the journal apply. */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  ws: Workspace;
}

/**
 * One command of `uchet` that works on an open database. Every one reaches the services only through
 * `call` (the dispatcher): no command reads or writes the database itself. A file of commands
 * (electron/cli/report.ts, say) exports an array of these; main.ts lists the arrays.
 */
export interface CliCommand {
  /** The words naming it: ['backup'], ['links', 'export']. */
  words: readonly string[];
  /** Lines for `uchet --help`. */
  usage: string;
  /** Options it takes beyond the common ones (--db, --user, --password-file, --json, --out, --format). */
  options?: Record<string, CliOption>;
  run(r: CliRun): Promise<void>;
  /** Where --db may be left out (`report verify FILE` reads what the file itself says): run instead of `run`. */
  runWithoutDatabase?(r: Pick<CliRun, 'values' | 'args'>): Promise<void>;
}

export function need(values: CliValues, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`Не указан параметр --${name}`);
  return v;
}

/** A secret from a file or an environment variable, never from an argument (other programs see arguments). */
export function secret(envName: string, file: string | undefined, what: string): string {
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new UsageError(`Не удалось прочитать файл ${file} (${what})`);
    }
  }
  const v = process.env[envName];
  if (!v) throw new UsageError(`${what}: задайте переменную окружения ${envName} или укажите файл`);
  return v;
}

/** Text to --out FILE (owner-only) or to standard output, where `… | head` closing the pipe early is no error. */
export function writeOut(text: string, out: unknown, done: string): void {
  if (typeof out === 'string' && out !== '') {
    writeFileSync(out, text, { mode: 0o600 });
    console.log(done);
    return;
  }
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  process.stdout.write(text);
}
