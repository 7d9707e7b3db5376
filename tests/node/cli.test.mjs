// The kiln CLI's table, parser, exit codes and help (js/cli/main.js,
// js/cli/args.js, js/cli/help.js, js/cli/commands/index.js, js/cli/progress.js):
// docs/reference/cli.md is the generated help, every option a help text names
// is one the command accepts, usage errors exit 2 and failures 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseCommandArgs, UsageError } from '../../js/cli/args.js';
import { COMMANDS } from '../../js/cli/commands/index.js';
import { commandHelp } from '../../js/cli/help.js';
import { progress } from '../../js/cli/progress.js';
import { ROOT, tempApp } from '../support/helpers.mjs';

const CLI = path.join(ROOT, 'js/cli/main.js');
const kiln = (...args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

test('docs/reference/cli.md is the CLI\'s own help (regenerate: node js/cli/main.js help --markdown > docs/reference/cli.md)', () => {
  const r = kiln('help', '--markdown');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.readFileSync(path.join(ROOT, 'docs/reference/cli.md'), 'utf8'), r.stdout);
});

test('every command has --help, the same as kiln help COMMAND, and is in the command list', () => {
  const list = kiln('--help').stdout;
  for (const { name } of COMMANDS) {
    const r = kiln(name, '--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, new RegExp(`^Usage: kiln ${name}\\b`));
    assert.equal(kiln('help', name).stdout, r.stdout);
    assert.match(list, new RegExp(`^  ${name}\\b`, 'm'));
  }
});

// Options named in a help text are options of that command: the prose cannot
// promise a flag the parser refuses (wrangler's own flags, after `--` or in an
// `npx wrangler` line, are not kiln's).
test('the help names no option its command does not accept', () => {
  for (const cmd of COMMANDS) {
    const accepted = new Set(['--help', '-h']);
    for (const [name, o] of Object.entries(cmd.options ?? {})) {
      accepted.add(`--${name}`);
      if (o.short) accepted.add(`-${o.short}`);
    }
    const text = commandHelp(cmd).replace(/npx wrangler[^\n]*/g, '').replace(/\[-- [^\]]*\]|-- --\S+/g, '');
    for (const [flag] of text.matchAll(/(?<![\w-])--?[A-Za-z][\w-]*/g)) assert.ok(accepted.has(flag), `kiln ${cmd.name} --help names ${flag}`);
  }
});

test('the help says what the commands do: every emulated binding, --offline, --name', () => {
  assert.match(kiln('test', '--help').stdout, /KV, D1, R2,\s+Durable Objects, Queues/);
  assert.match(kiln('db', '--help').stdout, /^Usage: kiln db migrate \[APP_DIR\] \[--database BINDING\] \[--check \| --offline\]/);
  assert.match(kiln('test', '--help').stdout, /-n, --name PATTERN/);
});

test('parseCommandArgs: util.parseArgs with kiln\'s messages', () => {
  const options = { port: { type: 'string' }, 'dry-run': { type: 'boolean' }, name: { type: 'string', short: 'n' }, header: { type: 'string', short: 'H', multiple: true } };
  assert.deepEqual(parseCommandArgs(['app', '--port', '8080', '-n', 'x', '-H', 'A: 1', '-H', 'B: 2', '--dry-run'], options),
    { positionals: ['app'], values: { port: '8080', name: 'x', header: ['A: 1', 'B: 2'], 'dry-run': true }, rest: [] });
  assert.deepEqual(parseCommandArgs(['--port=1', '-nfoo'], options).values, { port: '1', name: 'foo' });
  assert.deepEqual(parseCommandArgs(['-n=foo'], options).values, { name: 'foo' }, '-n=VALUE, as kiln took it before');
  assert.deepEqual(parseCommandArgs(['a', '--', '--remote', 'b'], options, { passthrough: true }), { positionals: ['a'], values: {}, rest: ['--remote', 'b'] });
  assert.deepEqual(parseCommandArgs(['a', '--', '--remote'], options).positionals, ['a', '--remote'], 'no passthrough: -- ends the options');
  assert.deepEqual(parseCommandArgs(['-'], options).positionals, ['-']);
  for (const [argv, msg] of [[['--bogus'], /^unknown option --bogus$/], [['-x'], /^unknown option -x$/], [['--port'], /^--port needs a value$/],
    [['a', '-n'], /^-n needs a value$/], [['--dry-run=yes'], /^--dry-run takes no value$/]]) {
    assert.throws(() => parseCommandArgs(argv, options), (e) => e instanceof UsageError && msg.test(e.message), argv.join(' '));
  }
});

test('exit status: 2 for a usage error (with the usage line), 1 for a failure', () => {
  const empty = tempApp({ 'README.md': 'no app here\n' });
  const usage = [
    [['nope'], /^kiln: unknown command 'nope'/],
    [['build', '--bogus'], /^kiln build: unknown option --bogus\n\nUsage: kiln build \[APP_DIR\]\nRun 'kiln build --help' for more\.$/m],
    [['build', 'a', 'b'], /give at most one APP_DIR/],
    [['dev', '--port', 'x'], /--port needs a number/],
    [['dev', '--port'], /--port needs a value/],
    [['deploy', '--dry-run=yes'], /--dry-run takes no value/],
    [['request'], /expected APP_FILE METHOD PATH/],
    [['queue'], /give a queue command \(drain\)/],
    [['db', 'migrate', empty, '--check', '--offline'], /--check and --offline do not go together/],
    [['cron', '0 0 * * 0', empty], /day of week 0 is out of range 1-7/],
    [['test', empty], /kiln test: no app\.rb or config\.ru in /],
    [['help', 'nope'], /unknown command 'nope'/],
  ];
  for (const [args, msg] of usage) {
    const r = kiln(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, msg);
  }
  let r = kiln('build', empty);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^kiln: build failed\nno app\.rb in /);
  r = kiln('dev', empty, '--', '--help');
  assert.equal(r.status, 1, '--help after -- is wrangler\'s');
  assert.match(r.stderr, /^kiln dev: no wrangler\.toml \(or wrangler\.json, wrangler\.jsonc\) in /);
  r = kiln('db', 'migrate', empty);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^kiln db: no \[\[d1_databases\]\] in .*wrangler\.toml/);
});

test('a configuration file that does not parse is a failure with FILE:LINE', () => {
  const dir = tempApp({ 'app.rb': "get('/') { 'hi' }\n", 'wrangler.toml': 'name = "x"\nname = "y"\n' });
  const r = kiln('request', path.join(dir, 'app.rb'), 'GET', '/');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^kiln request: .*wrangler\.toml:2: trying to redefine/);
});

test('progress: a counter on a terminal only, after a delay, erased when done', () => {
  const writes = [];
  const stream = { write: (s) => writes.push(s) };
  let t = 0;
  const now = () => t;
  const off = progress('kiln: compiling', 3, { enabled: false, stream, now });
  off.tick();
  off.done();
  assert.deepEqual(writes, [], 'not a terminal: silent');
  const quick = progress('kiln: compiling', 3, { enabled: true, stream, now });
  quick.tick();
  quick.done();
  assert.deepEqual(writes, [], 'a quick step: silent');
  const slow = progress('kiln: compiling', 3, { enabled: true, stream, now });
  t = 500;
  slow.tick();
  t = 510;
  slow.tick();  // within the redraw interval: not drawn
  t = 700;
  slow.tick();
  slow.done();
  assert.deepEqual(writes, ['\rkiln: compiling 1/3 files\x1b[K', '\rkiln: compiling 3/3 files\x1b[K', '\r\x1b[K']);
});

test('kiln build prints no progress when stderr is not a terminal', () => {
  const dir = tempApp({ 'app.rb': "get('/') { erb :index }\n", 'lib/a.rb': 'A = 1\n', 'views/index.erb': '<%= 1 %>\n' });
  const r = kiln('build', dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^kiln: built .*\(2 Ruby file\(s\), 1 template file\(s\), 3 compiled\)/);
});
