#!/usr/bin/env node
// The kiln command. Commands grow with the project; each has --help.
import { build, BuildError } from './build.js';

const USAGE = `Usage: kiln <command> [options]

Commands:
  build [APP_DIR]   compile APP_DIR/app.rb (default: .) into APP_DIR/build/

Run 'kiln <command> --help' for a command's options.`;

const HELP = {
  build: `Usage: kiln build [APP_DIR]

Compiles app.rb and every other .rb file under APP_DIR (except build/,
test/, public/, node_modules/) to mruby bytecode, and writes the Worker
entry APP_DIR/build/worker.mjs with the runtime beside it. ERB templates
(every .erb file, e.g. views/index.erb, and the @@ templates after __END__
in app.rb) are compiled to bytecode too. A Ruby syntax error stops the
build with file:line:column and the message; a template error with
file:line and the message.`,
};

function main(argv) {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (!HELP[command]) {
    console.error(`kiln: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP[command]);
    return 0;
  }
  try {
    if (command === 'build') build(args[0] ?? '.');
    return 0;
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`kiln: build failed\n${e.message}`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
