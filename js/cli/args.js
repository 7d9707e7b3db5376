// The kiln CLI's one argument parser, its two error kinds and its exit-code
// rule. Every command (js/cli/commands/*.js) declares its options in the
// shape below; js/cli/main.js parses argv with them, runs the command and
// turns what it throws into an exit status:
//   0  done
//   1  a failure: the app does not build or load, a test failed, wrangler
//      failed, a CommandError (the message says why)
//   2  a usage error: an unknown command or option, a missing or extra
//      argument, a value that cannot be right (UsageError)
// The help text of the options (js/cli/help.js) is made from the same
// declarations, so what `--help` lists is what the parser accepts.
import { parseArgs } from 'node:util';

export const EXIT = { ok: 0, failure: 1, usage: 2 };

// The command line is wrong: exit 2, with the command's usage.
export class UsageError extends Error {}

// The command could not do its job: exit 1, with `kiln COMMAND: message`.
// Subclasses (BuildError, MigrateError, ...) may say it their own way.
export class CommandError extends Error {
  report(command) {
    return `kiln ${command}: ${this.message}`;
  }
}

// options: { name: { type: 'string' | 'boolean', short?: 'x', multiple?:
// true, arg?: 'NAME' (the value's name in the help), help: 'what it does' } }.
// passthrough: what follows `--` is kept apart, as rest (kiln dev and
// deploy hand it to wrangler); otherwise it is positional, as POSIX has it.
// Returns { positionals, values: {name: value | [values] | true}, rest }.
export function parseCommandArgs(argv, options = {}, { passthrough = false } = {}) {
  const dash = passthrough ? argv.indexOf('--') : -1;
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const rest = dash < 0 ? [] : argv.slice(dash + 1);
  const config = {};
  for (const [name, o] of Object.entries(options)) config[name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  // strict: false, and the checks below: kiln's messages, and the option
  // named as it was typed (-H or --header).
  const { tokens } = parseArgs({ args: own, options: config, strict: false, allowPositionals: true, tokens: true });
  const positionals = [];
  const values = {};
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const o = options[t.name];
    if (!o) throw new UsageError(`unknown option ${t.rawName}`);
    if (o.type === 'boolean') {
      if (t.inlineValue) throw new UsageError(`${t.rawName} takes no value`);
      values[t.name] = true;
      continue;
    }
    if (t.value === undefined) throw new UsageError(`${t.rawName} needs a value`);
    // -n=NAME as well as -nNAME and -n NAME (kiln's parser took it before util.parseArgs).
    const value = t.inlineValue && t.rawName.length === 2 && t.value.startsWith('=') ? t.value.slice(1) : t.value;
    if (o.multiple) (values[t.name] ??= []).push(value);
    else values[t.name] = value;
  }
  return { positionals, values, rest };
}

// At most max positionals (the usage error names them).
export function atMost(positionals, max, what) {
  if (positionals.length > max) throw new UsageError(`give at most ${what}`);
}
