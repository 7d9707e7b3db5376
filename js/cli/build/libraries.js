// Kiln's optional Ruby libraries (ruby/kiln/lib/: jwt, openssl, sequel,
// kiln/dataset, kiln/migration...) are not in the runtime's bytecode: an
// app that requires one gets it bundled into its app.kbc as
// kiln/lib/NAME.rb, which the loader (ruby/kiln/boot/loader.rb) finds after the
// app's own NAME.rb and lib/NAME.rb. Only literal requires count
// (`require 'jwt'`, `require("sequel")`), as the build cannot run the app.
// Also bundled without a require: the stdlib that `require 'sinatra'`
// loads in CRuby (time, uri, date, erb, logger, cgi/escape), when the
// app's sources name its constant (IMPLIED), so Sinatra apps that rely on
// Sinatra's own requires work unchanged. The table of require names and
// the build-time check of each require is js/cli/build/requires.js.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUBY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../ruby');
const LIB = 'kiln/lib';

// The names a Ruby source requires (not require_relative).
export function requiredNames(source) {
  return [...source.matchAll(/\brequire(?!_)\s*\(?\s*(['"])([\w./-]+)\1/g)].map((m) => m[2].replace(/\.rb$/, ''));
}

// library => the use of it in a source that bundles it without a require.
// Sinatra requires time (which requires date) and uri; Rack's
// show_exceptions erb, its logger middleware logger; Rack::Utils cgi/escape.
export const IMPLIED = {
  time: /\bTime\.(parse|iso8601|xmlschema|rfc2822|rfc822|strptime|zone_offset)\b|\.(iso8601|xmlschema|rfc2822|rfc822|strftime|utc_offset)\b/,
  date: /\bDate(Time)?\b|\.to_date\b/,
  uri: /\bURI\b/,
  erb: /\bERB::Util\b/,
  logger: /\bLogger\b/,
  cgi: /\bCGI\b/,
  bundler: /\bBundler\b/,
  'kiln/file': /\b(File|Dir)\b|\b__dir__\b/,
};

// The IMPLIED libraries the sources use (not those the app has a file of
// the same name for). The build requires them in kiln/prelude.rb, which
// boot runs before the app (ruby/kiln/boot/boot.rb).
export function impliedNames(sources, appFiles = []) {
  const own = new Set(appFiles);
  return Object.entries(IMPLIED).filter(([name, re]) => !own.has(`${name}.rb`) && !own.has(`lib/${name}.rb`) && sources.some((s) => re.test(s)))
    .map(([name]) => name);
}

// What the sources use without a require: Rack's autoload (rack.rb
// declares one per class; Sinatra loads rack, rack/protection and
// rack/session): a constant the sources name, such as Rack::Auth::Basic or
// Rack::ETag, is bundled from kiln/lib/rack/auth.rb, rack/auth/basic.rb,
// rack/etag.rb — each prefix of its path, downcased with or without
// underscores; the loader (ruby/kiln/boot/loader.rb Loader.autoload) loads
// the file when the constant is first missing. And a `use` or `run` line
// brings the Rack boundary (kiln/lib/kiln/rack.rb; Base.use and Kiln.app=
// require it).
export function autoloadNames(source) {
  const names = new Set();
  if (/^\s*(?:use|run)\b(?![?!:=])/m.test(source)) names.add('kiln/rack');
  for (const m of source.matchAll(/\bRack((?:::[A-Z]\w*)+)/g)) {
    const parts = ['rack', ...m[1].slice(2).split('::')];
    for (let n = 2; n <= parts.length; n++) {
      const prefix = parts.slice(0, n);
      names.add(prefix.map((p) => p.toLowerCase()).join('/'));
      names.add(prefix.map((p) => p.replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toLowerCase()).join('/'));
    }
  }
  return [...names];
}

// The library files (bundle paths under kiln/lib/) that the given Ruby
// sources need, with the libraries' own requires followed. appFiles: the
// app's bundle paths; a name the app has itself (NAME.rb or lib/NAME.rb)
// stays the app's, as the loader looks there first.
export function libraryFiles(sources, appFiles = []) {
  const own = new Set(appFiles);
  const found = new Set();
  // The app's sources bring their requires and what they use unrequired;
  // a library's, its requires (each names what it needs).
  const visit = (source, app) => {
    for (const name of app ? [...requiredNames(source), ...autoloadNames(source)] : requiredNames(source)) {
      if (own.has(`${name}.rb`) || own.has(`lib/${name}.rb`)) continue;
      const rel = `${LIB}/${name}.rb`;
      const file = path.join(RUBY_DIR, rel);
      if (found.has(rel) || path.relative(path.join(RUBY_DIR, LIB), file).startsWith('..') || !fs.existsSync(file)) continue;
      found.add(rel);
      visit(fs.readFileSync(file, 'utf8'), false);
    }
  };
  for (const source of sources) visit(source, true);
  return [...found].sort();
}
