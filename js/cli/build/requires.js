// The ONE table of the `require` names Kiln knows, and the build-time check
// of every literal require in the app (and of the Gemfile's gems when the
// app calls Bundler.require). Its runtime half is ruby/kiln/boot/loader.rb:
// Kiln::Loader::BUILTIN holds exactly the 'builtin' and 'noop' rows below
// that have no file under ruby/kiln/lib/ (tests/node/requires.test.mjs
// checks the two agree), and every 'library' row is a file there, bundled
// into the app that requires it (js/cli/build/libraries.js).
//
// A row: NAME: [kind, note]
//   builtin      the runtime has it (the DSL): the require loads nothing
//   library      ruby/kiln/lib/NAME.rb, bundled on require
//   noop         an honest no-op: the library is about the process, the
//                machine or the server, which Workers provide themselves
//                (a lib file when the app may use its constants)
//   unavailable  Kiln cannot have it: the build fails, naming the note
// Any other file under ruby/kiln/lib/ is a library without a row. A name
// in no row and not the app's own file fails the build as unknown.
// Other developers add rows in their own area (Rack, sinatra-contrib).
import fs from 'node:fs';
import path from 'node:path';
import { RUBY_DIR } from './libraries.js';

const NO_FS = 'Workers have no writable filesystem: keep data in KV, R2 or D1 (bindings.NAME)';
const NO_SOCKET = 'Workers cannot open raw TCP sockets from Ruby';
const NATIVE = 'a C extension gem: Kiln runs mruby compiled to wasm, so only Ruby and Kiln\'s own C++ libraries load';
const SERVER = 'Workers is the server: the Worker entry replaces Rack servers';
const DEV_TOOL = 'runs on your machine (kiln test, rake tasks), not in the Worker';

export const REQUIRES = {
  // The Kiln DSL (ruby/kiln/manifest.txt).
  'sinatra': ['builtin', 'the Sinatra DSL'],
  'sinatra/base': ['builtin', 'Sinatra::Base'],
  'sinatra/main': ['builtin', 'the classic top-level DSL'],
  'sinatra/json': ['builtin', 'the json helper'],
  'kiln': ['builtin', 'Kiln itself'],
  'json': ['builtin', 'JSON.parse / generate (C++)'],
  'json/ext': ['builtin', 'JSON (C++)'],
  'json/pure': ['builtin', 'JSON (C++)'],
  'digest': ['builtin', 'Digest::MD5 / SHA1 / SHA256 / SHA384 / SHA512'],
  'digest/md5': ['builtin', 'Digest::MD5'],
  'digest/sha1': ['builtin', 'Digest::SHA1'],
  'digest/sha2': ['builtin', 'Digest::SHA256 / SHA384 / SHA512'],
  'base64': ['builtin', 'Base64 (strict, urlsafe)'],
  'securerandom': ['builtin', 'SecureRandom'],
  'net/http': ['builtin', 'Net::HTTP.get / get_response / post_form over fetch'],
  'net/https': ['builtin', 'Net::HTTP over fetch'],
  'rack': ['library', 'Rack: Utils, Request, Response, Builder and the middleware, each loaded when the app names it'],
  'rack/utils': ['library', 'Rack::Utils'],
  'rack/protection': ['library', "rack-protection (Sinatra's default protection is built in)"],
  'rack/test': ['noop', DEV_TOOL],
  'tilt': ['builtin', 'templates are compiled at build time'],
  'tilt/erb': ['builtin', 'ERB templates are compiled at build time'],
  'tilt/erubi': ['builtin', 'ERB templates are compiled at build time'],
  'tilt/erubis': ['builtin', 'ERB templates are compiled at build time'],
  'erubi': ['builtin', 'ERB templates are compiled at build time'],
  'erubis': ['builtin', 'ERB templates are compiled at build time'],
  // Ruby stdlib over mruby (ruby/kiln/lib/).
  'time': ['library', 'Time.parse / iso8601 / httpdate / rfc2822 / strptime'],
  'date': ['library', 'Date'],
  'uri': ['library', 'URI.parse, URI::HTTP, encode_www_form'],
  'cgi': ['library', 'CGI.escape / escapeHTML'],
  'cgi/util': ['library', 'CGI.escape / escapeHTML'],
  'cgi/escape': ['library', 'CGI.escape / escapeHTML'],
  'erb': ['library', 'ERB::Util (templates themselves are compiled at build time)'],
  'logger': ['library', 'Logger to the console (console.log lines)'],
  'ostruct': ['library', 'OpenStruct'],
  'pp': ['library', 'pp'],
  'forwardable': ['library', 'Forwardable (def_delegator, def_delegators)'],
  'fileutils': ['unavailable', NO_FS],
  'tempfile': ['unavailable', NO_FS],
  'tmpdir': ['unavailable', NO_FS],
  'pstore': ['unavailable', NO_FS],
  'yaml': ['unavailable', 'no YAML parser in the Worker: use JSON'],
  'psych': ['unavailable', 'no YAML parser in the Worker: use JSON'],
  'socket': ['unavailable', `${NO_SOCKET}: use fetch (Kiln::HTTP) or Net::HTTP.get`],
  'open-uri': ['unavailable', 'use fetch(url) or Net::HTTP.get(URI(url)) (require \'net/http\')'],
  'open3': ['unavailable', 'Workers cannot run processes'],
  'etc': ['unavailable', 'Workers have no users or /etc'],
  'zlib': ['unavailable', 'Workers compress responses themselves (Content-Encoding); no zlib in the Worker'],
  'thread': ['unavailable', 'a Worker runs one request per isolate thread: no Thread, Mutex or Queue'],
  // The process, the machine, the server: honest no-ops.
  'rubygems': ['noop', 'the build bundles every library the app needs'],
  'bundler': ['noop', 'Bundler.setup does nothing; Bundler.require requires the Gemfile\'s gems, checked at build time'],
  'bundler/setup': ['noop', 'the build bundles every library the app needs'],
  'sinatra/reloader': ['noop', 'every build is fresh: nothing to reload'],
  'set': ['noop', 'Set is mruby-set (mruby 3.3)'],
  'dotenv': ['noop', 'ENV is the Worker\'s vars: wrangler.toml [vars] and .dev.vars'],
  'dotenv/load': ['noop', 'ENV is the Worker\'s vars: wrangler.toml [vars] and .dev.vars'],
  'puma': ['noop', SERVER],
  'thin': ['noop', SERVER],
  'webrick': ['noop', SERVER],
  'rackup': ['noop', SERVER],
  'rake': ['noop', DEV_TOOL],
  // Gems Kiln cannot have, and what to use instead.
  'pg': ['unavailable', `${NO_SOCKET} to PostgreSQL: use D1 (require 'sequel'), or Hyperdrive behind a fetch API`],
  'mysql2': ['unavailable', `${NO_SOCKET} to MySQL: use D1 (require 'sequel')`],
  'sqlite3': ['unavailable', `${NATIVE}: use D1, Cloudflare's SQLite (require 'sequel')`],
  'redis': ['unavailable', `${NO_SOCKET} to Redis: use KV (bindings.NAME.get / put) or a Durable Object`],
  'active_record': ['unavailable', "ActiveRecord needs a database driver and ActiveSupport: use require 'sequel' (datasets over D1)"],
  'sinatra/activerecord': ['unavailable', "ActiveRecord needs a database driver and ActiveSupport: use require 'sequel' (datasets over D1)"],
  'active_support': ['unavailable', "ActiveSupport is Rails' CRuby extension library, too large for a Worker"],
  'active_support/all': ['unavailable', "ActiveSupport is Rails' CRuby extension library, too large for a Worker"],
  'data_mapper': ['unavailable', "DataMapper needs a database driver: use require 'sequel' (datasets over D1)"],
  'mongo': ['unavailable', `${NO_SOCKET} to MongoDB`],
  'mongoid': ['unavailable', `${NO_SOCKET} to MongoDB`],
  'nokogiri': ['unavailable', NATIVE],
  'bcrypt': ['unavailable', `${NATIVE}: use OpenSSL::KDF.pbkdf2_hmac (built in)`],
  'httparty': ['unavailable', 'use fetch(url, method:, headers:, body:) (built in)'],
  'faraday': ['unavailable', 'use fetch(url, method:, headers:, body:) (built in)'],
  'rest-client': ['unavailable', 'use fetch(url, method:, headers:, body:) (built in)'],
  'haml': ['unavailable', 'Kiln compiles ERB templates only: rewrite the views as .erb'],
  'slim': ['unavailable', 'Kiln compiles ERB templates only: rewrite the views as .erb'],
  'sass': ['unavailable', 'compile stylesheets before the build and serve them from public/'],
  'pry': ['unavailable', 'a REPL needs a terminal, which a Worker has not: use `kiln request` and the log'],
  'byebug': ['unavailable', 'a debugger needs a terminal, which a Worker has not: use `kiln request` and the log'],
  'debug': ['unavailable', 'a debugger needs a terminal, which a Worker has not: use `kiln request` and the log'],
  'sidekiq': ['unavailable', 'background jobs are Queues on Workers: queue consumers (Kiln events)'],
};

// Gem names whose require is not the gem name (nor the name with '-' -> '/',
// which Bundler tries next).
const GEM_REQUIRES = { activerecord: 'active_record', activesupport: 'active_support', 'sinatra-activerecord': 'sinatra/activerecord' };
// Gems the Gemfile names only for the machine (tests, servers, tools):
// Bundler.require of their group requires nothing in the Worker.
const MACHINE_GEMS = /^(rspec.*|minitest.*|rack-test|capybara|rubocop.*|simplecov|guard.*|rerun|shotgun|foreman|kiln)$/;

const LIB_DIR = path.join(RUBY_DIR, 'kiln/lib');

// The library names under ruby/kiln/lib/ ('jwt', 'openssl/pkey', 'kiln/dataset'...).
export function libraryNames() {
  return fs.readdirSync(LIB_DIR, { recursive: true }).filter((f) => f.endsWith('.rb'))
    .map((f) => f.split(path.sep).join('/').replace(/\.rb$/, '')).sort();
}

export function availableNames() {
  const ok = new Set(libraryNames());
  for (const [name, [kind]] of Object.entries(REQUIRES)) if (kind !== 'unavailable') ok.add(name);
  return [...ok].sort();
}

// 'ok' | 'unavailable' | 'unknown', and the note.
export function lookup(name, appFiles = new Set()) {
  // require './app' (config.ru's way) names the app's own file from its root.
  const own = name.replace(/^(\.\/)+/, '');
  if (appFiles.has(`${own}.rb`) || appFiles.has(`lib/${own}.rb`)) return { status: 'ok' };
  const row = REQUIRES[name];
  if (row) return { status: row[0] === 'unavailable' ? 'unavailable' : 'ok', note: row[1] };
  if (fs.existsSync(path.join(LIB_DIR, `${name}.rb`)) && !path.relative(LIB_DIR, path.join(LIB_DIR, name)).startsWith('..')) return { status: 'ok' };
  return { status: 'unknown' };
}

// The literal requires of a source, with their line numbers; guarded: the
// require sits in a begin ... rescue LoadError (the app copes without it).
export function requireSites(source) {
  const lines = source.split('\n');
  const out = [];
  lines.forEach((line, i) => {
    const code = line.replace(/^\s*#.*/, '');
    for (const m of code.matchAll(/(?<![.\w])require(?!_)\s*\(?\s*(['"])([\w./-]+)\1/g)) {
      out.push({ name: m[2].replace(/\.rb$/, ''), line: i + 1, guarded: rescuedLoadError(lines, i) });
    }
  });
  return out;
}

// A `begin` opens on this line or one of the 5 before (no `end` between),
// and the first rescue / ensure / end after it rescues LoadError.
function rescuedLoadError(lines, i) {
  let opened = false;
  for (let j = i; j >= Math.max(0, i - 5); j--) {
    if (/\bbegin\b/.test(lines[j])) { opened = true; break; }
    if (j < i && /^\s*end\b/.test(lines[j])) return false;
  }
  if (!opened) return false;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
    const m = lines[j].match(/^\s*(rescue|ensure|end)\b(.*)/);
    if (m) return m[1] === 'rescue' && /\b(::)?(LoadError|ScriptError|Exception)\b/.test(m[2]);
  }
  return false;
}

// The gems of a Gemfile: [{ gem, groups, require (name, or null for
// require: false), line }].
export function gemfileGems(source) {
  const gems = [];
  const stack = [];
  source.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    const group = line.match(/^group\s*\(?\s*([^)]*?)\)?\s+do\b/);
    if (group) {
      stack.push([...group[1].matchAll(/:(\w+)|(['"])(\w+)\2/g)].map((g) => g[1] ?? g[3]));
      return;
    }
    if (/^(platforms?|install_if|source|git|path|github)\b.*\bdo\b/.test(line)) { stack.push(null); return; }
    if (/^end\b/.test(line)) { stack.pop(); return; }
    const gem = line.match(/^gem\s*\(?\s*(['"])([\w.-]+)\1(.*)$/);
    if (!gem) return;
    const opts = gem[3];
    let groups = stack.flatMap((g) => g ?? []);
    const inline = opts.match(/\bgroups?:\s*(\[[^\]]*\]|:\w+)/);
    if (inline) groups = [...inline[1].matchAll(/:(\w+)/g)].map((g) => g[1]);
    if (groups.length === 0) groups = ['default'];
    const req = opts.match(/\brequire:\s*(false|(['"])([\w./-]+)\2)/);
    gems.push({ gem: gem[2], groups, require: req ? (req[1] === 'false' ? null : req[3]) : undefined, line: i + 1 });
  });
  return gems;
}

// The groups an app's Bundler.require calls name (literal symbols or
// strings; any other argument, such as settings.environment, stands for
// the environment the Worker runs in, production). null: no call.
export function bundlerGroups(sources) {
  let groups = null;
  for (const source of sources) {
    for (const m of source.matchAll(/\bBundler\.require\b(\(([^)]*)\)|[ \t]+([^\n#]*))?/g)) {
      groups ??= new Set();
      const args = (m[2] ?? m[3] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
      if (args.length === 0) groups.add('default');
      for (const a of args) {
        const lit = a.match(/^(?::(\w+)|(['"])(\w+)\2)$/);
        groups.add(lit ? lit[1] ?? lit[3] : 'production');
      }
    }
  }
  return groups && [...groups];
}

// The require name Bundler would use for a gem ('sinatra-contrib' ->
// 'sinatra/contrib' when only that is known).
function gemRequire(gem, appFiles) {
  if (gem.require !== undefined) return gem.require;
  const name = GEM_REQUIRES[gem.gem] ?? gem.gem;
  if (lookup(name, appFiles).status !== 'unknown') return name;
  const slashed = name.replaceAll('-', '/');
  return lookup(slashed, appFiles).status !== 'unknown' ? slashed : name;
}

// Checks every literal require of the app (sources: [{ rel, text }]) and,
// when the app calls Bundler.require, each gem of the named groups in the
// Gemfile (gemfile: its text or null). Returns { errors: ['file:line: ...'],
// warnings, gems: { group: [require names] } (for Bundler.require at run
// time), requires: [names] (what the Gemfile adds to the bundle) }.
export function checkRequires(sources, { appFiles = [], gemfile = null } = {}) {
  const own = new Set(appFiles);
  const errors = [];
  const warnings = [];
  const report = (where, name, { status, note }, guarded) => {
    if (status === 'ok') return;
    const why = status === 'unavailable' ? note : 'not a file of the app, and not a library Kiln provides';
    (guarded ? warnings : errors).push(`${where}: require '${name}': ${why}${guarded ? ' (rescued LoadError: it will raise at run time)' : ''}`);
  };
  for (const { rel, text } of sources) {
    for (const site of requireSites(text)) report(`${rel}:${site.line}`, site.name, lookup(site.name, own), site.guarded);
  }
  const gems = {};
  const requires = [];
  const groups = bundlerGroups(sources.map((s) => s.text));
  if (groups && gemfile !== null) {
    for (const gem of gemfileGems(gemfile)) {
      if (gem.require === null || MACHINE_GEMS.test(gem.gem) || !gem.groups.some((g) => groups.includes(g))) continue;
      const name = gemRequire(gem, own);
      report(`Gemfile:${gem.line}`, name, lookup(name, own), false);
      for (const g of gem.groups) (gems[g] ??= []).push(name);
      requires.push(name);
    }
  }
  if (errors.length) errors.push(`available: ${availableNames().join(', ')}`);
  return { errors, warnings, gems, requires };
}
