import { parseArgs } from 'node:util';

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
type Values<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: O; args: string[] }>>['values'];

/** Parsed options, or the exit code of a run that ends here (`--help`: 0; a bad option: 2). */
export type CommandLine<O extends OptionsConfig> = { values: Values<O>; exitCode?: undefined } | { values?: undefined; exitCode: 0 | 2 };

/**
 * Parses a tool's options the same way for every tool: `--help` (`-h`) prints the usage to stdout;
 * an unknown option, a missing value or a stray argument is named on stderr with the usage, never
 * as a stack trace, and so is a `required` option left out. The caller exits with `exitCode` when it
 * is set (tests call some mains in-process).
 */
export function parseCommandLine<O extends OptionsConfig>(usage: string, options: O, args: string[] = process.argv.slice(2), required: readonly (keyof O & string)[] = []): CommandLine<O> {
  let parsed: { values: Record<string, unknown> };
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return { exitCode: 2 };
  }
  if (parsed.values['help'] === true) {
    process.stdout.write(usage);
    return { exitCode: 0 };
  }
  const missing = required.filter((name) => parsed.values[name] === undefined || parsed.values[name] === '');
  if (missing.length > 0) {
    process.stderr.write(`${missing.map((name) => `--${name}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required\n${usage}`);
    return { exitCode: 2 };
  }
  return { values: parsed.values as Values<O> };
}
