#!/usr/bin/env node
// The kiln command. Commands grow with the project; each has --help.
import { build, BuildError } from './build.js';
import { parseRequestArgs, runRequest, UsageError } from './request.js';
import { BootError } from './runtime.js';

const USAGE = `Usage: kiln <command> [options]

Commands:
  build [APP_DIR]   compile APP_DIR/app.rb (default: .) into APP_DIR/build/
  request APP_FILE METHOD PATH
                    run one request through the app offline, print JSON

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
  request: `Usage: kiln request APP_FILE METHOD PATH [-q QUERY] [-H 'Name: value']...
                    [-d BODY | --data-file FILE] [-e ENVIRONMENT] [--fresh]

Builds APP_FILE (incrementally; its directory is the app directory, the
build goes to APP_DIR/build/ for app.rb, APP_DIR/build/<name>/ otherwise),
runs one request through the same wasm runtime under node (no workerd) and
prints one line of JSON:

  {"status":200,"headers":{"content-type":"text/html;charset=utf-8"},"body":"..."}

Header names are lower-case; a repeated Set-Cookie is joined with "\\n".
A body that is not valid UTF-8 is given as "body_base64" instead of "body".
The app's own output (puts, logs) goes to stderr.

Options:
  -q QUERY           the query string, without '?' (PATH may hold ?query too)
  -H 'Name: value'   a request header (repeatable); Host sets the URL's host
                     (default localhost; the scheme is http)
  -d BODY            the request body (a form unless -H sets Content-Type)
  --data-file FILE   the request body, read from FILE as bytes
  -e ENVIRONMENT     KILN_ENV for the app (default development)
  --fresh            wipe APP_DIR/.kiln first: the state of the KV and D1
                     bindings of wrangler.toml, emulated on SQLite offline

Exits 0 when the app answered (a 500 included), 1 when it cannot be built
or loaded (the reason on stderr, with file:line), 2 on a usage error.`,
};

async function main(argv) {
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
    if (command === 'request') console.log(JSON.stringify(await runRequest(parseRequestArgs(args))));
    return 0;
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`kiln: build failed\n${e.message}`);
      return 1;
    }
    if (e instanceof BootError) {
      console.error(`kiln: the app failed to load\n${e.message}`);
      return 1;
    }
    if (e instanceof UsageError) {
      console.error(`kiln ${command}: ${e.message}\n\n${HELP[command]}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
