#!/usr/bin/env node
// The kiln command: dispatch through the one command table
// (js/cli/commands/index.js: name -> { usage, help, options, run }, each
// declared beside its code), with the one argument parser and exit-code rule
// of js/cli/args.js (0 done, 1 failure, 2 usage error) and the help texts of
// js/cli/help.js (docs/reference/cli.md is `kiln help --markdown`).
import { CommandError, EXIT, parseCommandArgs, UsageError } from './args.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, mainUsage, usageLine } from './help.js';

const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

// The text for stderr and the exit status of what a command threw. Errors of
// the layers under the CLI (the app failed to boot; a configuration file
// that does not parse) are failures too; anything else is a defect in kiln,
// left to crash with its stack.
async function failure(e, cmd) {
  if (e instanceof UsageError) {
    return [`kiln ${cmd.name}: ${e.message}\n\n${usageLine(cmd)}\nRun 'kiln ${cmd.name} --help' for more.`, EXIT.usage];
  }
  if (e instanceof CommandError) return [e.report(cmd.name), EXIT.failure];
  const [{ BootError }, { ConfigError }] = await Promise.all([import('../worker/kiln.js'), import('../node/config.js')]);
  if (e instanceof BootError) return [`kiln: the app failed to load\n${e.message}`, EXIT.failure];
  if (e instanceof ConfigError) return [`kiln ${cmd.name}: ${e.message}`, EXIT.failure];
  throw e;
}

async function main(argv) {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(mainUsage(COMMANDS));
    return EXIT.ok;
  }
  const cmd = BY_NAME.get(name);
  if (!cmd) {
    console.error(`kiln: unknown command '${name}'\n\n${mainUsage(COMMANDS)}`);
    return EXIT.usage;
  }
  // --help before a passthrough `--` is kiln's; after it, wrangler's.
  const own = cmd.passthrough && args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (own.includes('--help') || own.includes('-h')) {
    console.log(commandHelp(cmd));
    return EXIT.ok;
  }
  try {
    return await cmd.run(parseCommandArgs(args, cmd.options, { passthrough: cmd.passthrough }), { commands: COMMANDS });
  } catch (e) {
    const [text, code] = await failure(e, cmd);
    console.error(text);
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
