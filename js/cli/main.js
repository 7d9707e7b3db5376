#!/usr/bin/env node
// The kiln command. Commands grow with the project; each has --help.
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, BuildError } from './build/build.js';
import { migrate, MigrateError } from './commands/migrate.js';
import { newApp, NewError } from './commands/new.js';
import { runAlarms, runCron, runQueueDrain } from './commands/offline.js';
import { parseRequestArgs, runRequest, UsageError } from './commands/request.js';
import { BootError } from '../worker/kiln.js';
import { runTests, TestUsageError } from './commands/test.js';
import { dryRunDeploy, requireWranglerToml, runWrangler, WranglerError } from './commands/wrangler.js';

const USAGE = `Usage: kiln <command> [options]

Commands:
  new NAME_OR_PATH  create a new app (app.rb, views/, public/, wrangler.toml...)
  build [APP_DIR]   compile APP_DIR/app.rb (default: .) into APP_DIR/build/
  test [APP_DIR]    run the app's tests (test/*_test.rb) offline, with emulated bindings
  dev [APP_DIR]     build, then serve on local workerd (wrangler dev), rebuilding on change
  deploy [APP_DIR]  build, then wrangler deploy (--dry-run: only show the upload size)
  request APP_FILE METHOD PATH
                    run one request through the app offline, print JSON
  queue drain [APP_DIR]
                    deliver queued messages to consume_queue blocks offline
  cron EXPR [APP_DIR]
                    fire the app's schedule EXPR blocks offline
  alarms [APP_DIR]  run the due Durable Object alarms offline
  db migrate [APP_DIR]
                    compile db/migrate/*.rb to SQL for wrangler d1 migrations

Run 'kiln <command> --help' for a command's options.`;

const HELP = {
  new: `Usage: kiln new NAME_OR_PATH [--kiln SPEC]

Creates a new app in NAME_OR_PATH (which must not exist or be empty):
app.rb (routes, a form with a session flash, a KV counter), views/
(layout.erb, index.erb), public/style.css (static assets), test/,
wrangler.toml (build command, KV binding, assets), package.json,
.gitignore, README.md and .dev.vars (a random SESSION_SECRET for local
development; git-ignored). The app's name is the directory's name.

Options:
  --kiln SPEC   the kiln devDependency in package.json (default: file:PATH
                of the kiln that runs, relative to the app, so 'npm install'
                in the app resolves to it), e.g. --kiln ^0.1.0

Then: cd NAME && npm install && npx kiln dev`,
  build: `Usage: kiln build [APP_DIR]

Compiles app.rb and every other .rb file under APP_DIR (except build/,
test/, public/, node_modules/) to mruby bytecode, and writes the Worker
entry APP_DIR/build/worker.mjs with the runtime beside it. ERB templates
(every .erb file, e.g. views/index.erb, and the @@ templates after __END__
in app.rb) are compiled to bytecode too. A Ruby syntax error stops the
build with file:line:column and the message; a template error with
file:line and the message.`,
  test: `Usage: kiln test [APP_DIR] [-n PATTERN]

Runs the tests in APP_DIR/test/ (default: .): every file named *_test.rb,
with Minitest-style classes (class AppTest < Kiln::Test, or Minitest::Test)
and rack-test-style requests (get '/', post '/notes', {text: 'hi'};
last_response, follow_redirect!). Requests take the app's real request
path under node, on the same wasm runtime as the Worker; cookies carry over
within a test. KV and D1 bindings are emulated on SQLite in a temporary
directory, emptied before every test (APP_DIR/.kiln, the state of 'kiln
request', is untouched). The app runs with KILN_ENV=test and the [vars] of
wrangler.toml plus .dev.vars.

Options:
  -n NAME    run only the test method NAME (or Class#NAME)
  -n /RE/    run only the tests whose name (or Class#name) matches RE

Prints one character per test (. pass, F failure, E error, S skip), then
each failure with file:line and each error with its backtrace. Exits 0 when
every test passed, 1 on a failure or error (or when the app cannot be
built or loaded), 2 on a usage error.`,
  dev: `Usage: kiln dev [APP_DIR] [--port N] [-- WRANGLER_DEV_ARGS...]

Builds APP_DIR (default: .) and runs 'wrangler dev' there: the app on local
workerd at http://localhost:8787 (or --port N) with local KV, D1, R2...
wrangler.toml's [build] command ('npx kiln build') rebuilds whenever a file
under its watch_dir changes (kiln new sets app.rb, lib and views). Arguments
after -- go to wrangler dev as they are (e.g. -- --remote).

wrangler is taken from the app's node_modules, else from kiln's own.`,
  deploy: `Usage: kiln deploy [APP_DIR] [--dry-run] [-- WRANGLER_DEPLOY_ARGS...]

Builds APP_DIR (default: .) and runs 'wrangler deploy' there (log in first
with 'npx wrangler login'). With --dry-run nothing is uploaded: wrangler
bundles into a temporary directory and kiln prints what the upload would
weigh, raw and gzipped (Workers' size limits apply to the gzipped size).`,
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
  --fresh            wipe APP_DIR/.kiln first: the state of the KV, D1 and R2
                     bindings of wrangler.toml, emulated on SQLite offline

Exits 0 when the app answered (a 500 included), 1 when it cannot be built
or loaded (the reason on stderr, with file:line), 2 on a usage error.`,
  queue: `Usage: kiln queue drain [APP_DIR] [--queue NAME] [--now TIME] [--all] [-e ENV]

Builds APP_DIR (default: .) and delivers the messages its Queues hold in
APP_DIR/.kiln (sent by earlier 'kiln request' runs or tests) to the app's
consume_queue blocks, with the settings of wrangler.toml's
[[queues.consumers]]: max_batch_size (default 10), max_retries (default 3),
dead_letter_queue, retry_delay (seconds). A batch is acked unless the block
retries messages (message.retry, batch.retry_all) or raises (the whole batch
is retried). A message that fails max_retries + 1 times moves to the
dead_letter_queue, or is dropped without one (said on stderr). Drains until
no message is due; prints a JSON report per queue (batches, delivered,
acked, retried, deadLettered, dropped, pending, delayed).

Options:
  --queue NAME   only this queue (default: every queue with a consumer)
  --now TIME     the clock for delays (ISO 8601 or epoch ms; default: now)
  --all          deliver delayed messages (delay_seconds, retry delays) too
  -e ENV         KILN_ENV for the app (default development)`,
  cron: `Usage: kiln cron [EXPR] [APP_DIR] [--at TIME] [-e ENV]

Builds APP_DIR (default: .) and fires the cron trigger EXPR (five fields:
minute hour day-of-month month day-of-week, e.g. '*/5 * * * *'): every
\`schedule EXPR\` block of the app runs, with scheduled_time = --at (default
now). Without EXPR, fires every cron of wrangler.toml's [triggers] crons that
matches the minute of --at (UTC, as on Workers). Prints {"fired":[{"cron",
"ran"}]} (ran: how many blocks ran). Bindings are the emulated ones.

Options:
  --at TIME   ISO 8601 (e.g. 2026-01-05T09:00Z) or epoch ms
  -e ENV      KILN_ENV for the app (default development)`,
  alarms: `Usage: kiln alarms [APP_DIR] [--at TIME] [-e ENV]

Builds APP_DIR (default: .) and runs the alarm() of every Durable Object
whose alarm (state.storage.set_alarm) is due at --at (ISO 8601 or epoch ms;
default now), as workerd would. Prints {"ran":N,"failed":N}. While a process
that loaded the app runs (tests, kiln request), alarms also fire on time.`,
  db: `Usage: kiln db migrate [APP_DIR] [--database BINDING] [--check]

Compiles the Ruby migrations APP_DIR/db/migrate/NNN_name.rb (Kiln.migration
or Sequel.migration: create_table, alter_table, add_column, add_index...)
to SQL files NNNN_name.sql in the D1 database's migrations_dir (wrangler.toml
[[d1_databases]], default migrations/), the files wrangler applies:

  npx wrangler d1 migrations apply DB --local    (or --remote)

The migrations run in Kiln's wasm runtime: no Ruby install is needed. Only
the change (or up) block is compiled: D1 migrations go forward only. A
generated file is rewritten only when its SQL changed; a .sql file not
generated by kiln is never overwritten. Generated files whose Ruby source
is gone are reported, not deleted.

Options:
  --database BINDING  the [[d1_databases]] entry (binding or database_name)
                      when wrangler.toml declares several
  --check             write nothing; exit 1 if a generated file is missing
                      or out of date (for CI)
  --offline           then apply the SQL files not applied yet to the
                      offline emulated database (APP_DIR/.kiln, what kiln
                      request uses), recorded in d1_migrations as wrangler
                      does; one transaction per file`,
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
    if (command === 'new') return runNew(args);
    if (command === 'test') return await runTest(args);
    if (command === 'dev') return await runDev(args);
    if (command === 'deploy') return await runDeploy(args);
    if (command === 'queue') return await runQueue(args);
    if (command === 'cron') return await runCronCommand(args);
    if (command === 'alarms') return await runAlarmsCommand(args);
    if (command === 'db') return await runDb(args);
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
    if (e instanceof NewError || e instanceof WranglerError || e instanceof MigrateError) {
      console.error(`kiln ${command}: ${e.message}`);
      return 1;
    }
    if (e instanceof TestUsageError) {
      console.error(`kiln test: ${e.message}`);
      return 1;
    }
    if (e instanceof UsageError) {
      console.error(`kiln ${command}: ${e.message}\n\n${HELP[command]}`);
      return 2;
    }
    throw e;
  }
}

// Splits [APP_DIR] [flags] [-- passthrough]; flags: name -> takes a value?
function parseArgs(args, flags) {
  const dash = args.indexOf('--');
  const own = dash < 0 ? args : args.slice(0, dash);
  const rest = dash < 0 ? [] : args.slice(dash + 1);
  const opts = {};
  const positional = [];
  for (let i = 0; i < own.length; i++) {
    const [name, inline] = own[i].split(/=(.*)/s);
    if (!name.startsWith('-')) positional.push(own[i]);
    else if (!(name in flags)) throw new UsageError(`unknown option ${name}`);
    else if (!flags[name]) opts[name] = true;
    else if (inline !== undefined) opts[name] = inline;
    else if (i + 1 < own.length) opts[name] = own[++i];
    else throw new UsageError(`${name} needs a value`);
  }
  return { positional, opts, rest };
}

function runNew(args) {
  const { positional, opts } = parseArgs(args, { '--kiln': true });
  if (positional.length !== 1) throw new UsageError('give one NAME_OR_PATH');
  const app = newApp(positional[0], { kiln: opts['--kiln'] });
  const rel = path.relative(process.cwd(), app.dir) || '.';
  // npm install is only needed when kiln is not reachable from the app yet
  // (e.g. installed in a parent directory, as in the Getting started).
  let installed = true;
  try { createRequire(path.join(app.dir, 'package.json')).resolve('kiln/package.json'); } catch { installed = false; }
  console.log(`kiln: created ${rel} (${app.files.join(', ')})\n\nNext:\n  cd ${rel}\n${installed ? '' : '  npm install\n'}  npx kiln dev`);
  return 0;
}

async function runTest(args) {
  const { positional, opts } = parseArgs(args, { '-n': true, '--name': true });
  if (positional.length > 1) throw new UsageError('give at most one APP_DIR');
  return runTests(positional[0] ?? '.', { pattern: opts['-n'] ?? opts['--name'] });
}

async function runDev(args) {
  const { positional, opts, rest } = parseArgs(args, { '--port': true });
  const appDir = positional[0] ?? '.';
  if (opts['--port'] !== undefined && !/^\d+$/.test(opts['--port'])) throw new UsageError('--port needs a number');
  requireWranglerToml(appDir);
  build(appDir);
  return runWrangler(appDir, ['dev', ...(opts['--port'] ? ['--port', opts['--port']] : []), ...rest]);
}

async function runQueue(args) {
  const [sub, ...rest] = args;
  if (sub !== 'drain') throw new UsageError(sub ? `unknown queue command '${sub}'` : 'give a queue command (drain)');
  const { positional, opts } = parseArgs(rest, { '--queue': true, '--now': true, '--all': false, '-e': true });
  if (positional.length > 1) throw new UsageError('give at most one APP_DIR');
  const report = await runQueueDrain({ appDir: positional[0], queue: opts['--queue'], now: opts['--now'], all: !!opts['--all'], env: opts['-e'] });
  console.log(JSON.stringify(report));
  return 0;
}

async function runCronCommand(args) {
  const { positional, opts } = parseArgs(args, { '--at': true, '-e': true });
  if (positional.length > 2) throw new UsageError('give EXPR and APP_DIR at most (quote EXPR)');
  // One positional: an expression has spaces (or is one field of `*`-ish text), a directory does not.
  const [cron, appDir] = positional.length === 2 || (positional[0] ?? '').includes(' ') ? positional : [undefined, positional[0]];
  console.log(JSON.stringify(await runCron({ appDir, cron, at: opts['--at'], env: opts['-e'] })));
  return 0;
}

async function runAlarmsCommand(args) {
  const { positional, opts } = parseArgs(args, { '--at': true, '-e': true });
  if (positional.length > 1) throw new UsageError('give at most one APP_DIR');
  console.log(JSON.stringify(await runAlarms({ appDir: positional[0], at: opts['--at'], env: opts['-e'] })));
  return 0;
}

async function runDeploy(args) {
  const { positional, opts, rest } = parseArgs(args, { '--dry-run': false });
  const appDir = positional[0] ?? '.';
  requireWranglerToml(appDir);
  build(appDir);
  if (!opts['--dry-run']) return runWrangler(appDir, ['deploy', ...rest]);
  const r = await dryRunDeploy(appDir, rest);
  if (r.code !== 0) return r.code;
  console.log(`kiln: upload size (dry run, ${r.files.length} files): ${(r.raw / 1024).toFixed(1)} KiB raw, ${(r.gzip / 1024).toFixed(1)} KiB gzip`);
  return 0;
}

async function runDb(args) {
  const [sub, ...rest] = args;
  if (sub !== 'migrate') throw new UsageError(sub ? `unknown db command '${sub}'` : 'give a db command (migrate)');
  const { positional, opts } = parseArgs(rest, { '--database': true, '--check': false, '--offline': false });
  if (positional.length > 1) throw new UsageError('give at most one APP_DIR');
  const check = Boolean(opts['--check']);
  if (check && opts['--offline']) throw new UsageError('--check and --offline do not go together');
  const r = await migrate(positional[0] ?? '.', { database: opts['--database'], check, offline: Boolean(opts['--offline']) });
  for (const f of r.files) if (f.status !== 'unchanged') console.log(`kiln: ${check ? 'out of date' : 'wrote'} ${r.dir}/${f.name} (from ${f.source})`);
  for (const f of r.orphans) console.warn(`kiln: warning: ${r.dir}/${f} was generated from a migration that no longer exists (left in place)`);
  const unchanged = r.files.filter((f) => f.status === 'unchanged').length;
  if (r.files.length === 0) console.log('kiln: no migrations in db/migrate/');
  else console.log(`kiln: ${r.files.length} migration(s), ${unchanged} unchanged; apply with: npx wrangler d1 migrations apply ${r.database.binding ?? r.database.database_name} --local`);
  if (opts['--offline']) console.log(`kiln: applied to the offline database (.kiln/): ${r.applied.length ? r.applied.join(', ') : 'nothing new'}`);
  return check && r.files.some((f) => f.status === 'stale') ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
