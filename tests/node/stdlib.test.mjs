// The Ruby stdlib pieces mruby lacks (ruby/kiln/lib/: time, date, uri, cgi,
// erb, ostruct, logger, pp, forwardable, kiln/file), checked against CRuby:
// each [expression, answer] pair's answer is what CRuby 3.1.2 printed for
// `expression.inspect` with TZ=UTC (require 'time', 'date', 'uri', 'cgi',
// 'erb', 'ostruct'). Also: these libraries are bundled and loaded without a
// require when the app uses them, as CRuby's Sinatra loads them itself
// (js/cli/build/libraries.js IMPLIED), and the hello app carries none.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { decode } from '../../js/worker/codec.js';
import { loadTempApp } from '../support/helpers.mjs';

const bundled = (dir) => decode(fs.readFileSync(path.join(dir, 'build/app.kbc'))).map(([name]) => name);
const get = async (app, p, init) => (await app.fetch(new Request(`http://example.org${p}`, init))).text();

const CRUBY = [
  ["T.strftime('%Y-%m-%d %H:%M:%S.%L %z %a %A %b %B %j %e %-d %I %l %p %P %y %C %u %w %s %U %W %F %T %D %R %r %c %%')", "\"2020-01-02 03:04:05.123 +0000 Thu Thursday Jan January 002  2 2 03  3 AM am 20 20 4 4 1577934245 00 00 2020-01-02 03:04:05 01/02/20 03:04 03:04:05 AM Thu Jan  2 03:04:05 2020 %\""],
  ["T.strftime('%-m/%-d %^a %^B %10A|%-5d|%05d|%:z')", "\"1/2 THU JANUARY   Thursday|2|00002|+00:00\""],
  ["T.iso8601", "\"2020-01-02T03:04:05Z\""],
  ["T.iso8601(3)", "\"2020-01-02T03:04:05.123Z\""],
  ["T.xmlschema(6)", "\"2020-01-02T03:04:05.123456Z\""],
  ["T.httpdate", "\"Thu, 02 Jan 2020 03:04:05 GMT\""],
  ["T.rfc2822", "\"Thu, 02 Jan 2020 03:04:05 -0000\""],
  ["T.utc_offset", "0"],
  ["Time.parse('2020-01-02T03:04:05+09:00').utc.to_s", "\"2020-01-01 18:04:05 UTC\""],
  ["Time.parse('2020-01-02 03:04:05 UTC').to_i", "1577934245"],
  ["Time.parse('Thu, 02 Jan 2020 03:04:05 GMT').to_i", "1577934245"],
  ["Time.parse('2020-01-02T03:04:05.5Z').usec", "500000"],
  ["Time.iso8601('2020-01-02T03:04:05Z').to_i", "1577934245"],
  ["Time.iso8601('2020-01-02T03:04:05-05:00').utc.hour", "8"],
  ["Time.rfc2822('Thu, 02 Jan 2020 03:04:05 +0000').to_i", "1577934245"],
  ["Time.httpdate('Thu, 02 Jan 2020 03:04:05 GMT').to_i", "1577934245"],
  ["Time.strptime('02/01/2020 13:45', '%d/%m/%Y %H:%M').utc.to_a.first(6)", "[0, 45, 13, 2, 1, 2020]"],
  ["Time.strptime('1700000000', '%s').to_i", "1700000000"],
  ["Time.strptime('2020-03-04 01:02:03 PM', '%Y-%m-%d %I:%M:%S %p').utc.hour", "13"],
  ["begin; Time.iso8601('x'); rescue => e; e.class; end", "ArgumentError"],
  ["Date.new(2020, 1, 31) >> 1", "#<Date: 2020-02-29 ((2458909j,0s,0n),+0s,2299161j)>"],
  ["Date.new(2020, 3, 31) << 1", "#<Date: 2020-02-29 ((2458909j,0s,0n),+0s,2299161j)>"],
  ["(Date.new(2020, 3, 1) - Date.new(2020, 2, 1)).to_i", "29"],
  ["(Date.new(2020, 12, 31) + 1).to_s", "\"2021-01-01\""],
  ["Date.parse('2024-02-29').strftime('%A %d %B %Y %j')", "\"Thursday 29 February 2024 060\""],
  ["Date.parse('Mar 3 2021').to_s", "\"2021-03-03\""],
  ["Date.parse('3 March 2021').to_s", "\"2021-03-03\""],
  ["Date.iso8601('2021-03-04').yday", "63"],
  ["Date.strptime('04/03/2021', '%d/%m/%Y').to_s", "\"2021-03-04\""],
  ["(Date.new(2020,1,30)..Date.new(2020,2,2)).map(&:day)", "[30, 31, 1, 2]"],
  ["Date.new(2000,1,1).wday", "6"],
  ["Date.new(2000,1,1).saturday?", "true"],
  ["Date.valid_date?(2021, 2, 29)", "false"],
  ["Date.valid_date?(2024, 2, 29)", "true"],
  ["begin; Date.new(2021, 2, 29); rescue => e; e.class; end", "Date::Error"],
  ["Date.new(2020,1,-1).to_s", "\"2020-01-31\""],
  ["Date.new(2020, 5, 17).jd", "2458987"],
  ["Date.new(2020, 5, 17).mjd", "58986"],
  ["Date.new(2020, 5, 17).cwday", "7"],
  ["Date.new(2020,5,17).next_month.to_s", "\"2020-06-17\""],
  ["Date.new(2020,5,17) == Date.new(2020,5,17)", "true"],
  ["Date.new(2020,5,17) < Date.new(2020,5,18)", "true"],
  ["Date.new(2020,5,17).httpdate", "\"Sun, 17 May 2020 00:00:00 GMT\""],
  ["T.to_date.to_s", "\"2020-01-02\""],
  ["Date.new(2020,5,17).inspect", "\"#<Date: 2020-05-17 ((2458987j,0s,0n),+0s,2299161j)>\""],
  ["Date.jd(2459000).to_s", "\"2020-05-30\""],
  ["Date.leap?(1900)", "false"],
  ["u = URI.parse('https://user:pw@Example.com:8443/a/b?x=1#frag'); [u.scheme, u.userinfo, u.user, u.password, u.host, u.port, u.path, u.query, u.fragment, u.to_s, u.class, u.request_uri]", "[\"https\", \"user:pw\", \"user\", \"pw\", \"Example.com\", 8443, \"/a/b\", \"x=1\", \"frag\", \"https://user:pw@Example.com:8443/a/b?x=1#frag\", URI::HTTPS, \"/a/b?x=1\"]"],
  ["URI('http://example.com').port", "80"],
  ["URI('http://example.com/x').class", "URI::HTTP"],
  ["URI('mailto:a@b.c').class", "URI::MailTo"],
  ["URI('/rel/path?q').path", "\"/rel/path\""],
  ["URI('http://example.com:80/p').to_s", "\"http://example.com/p\""],
  ["URI('http://[::1]:3000/').hostname", "\"::1\""],
  ["URI.join('http://a/b/c/d;p?q', '../g').to_s", "\"http://a/b/g\""],
  ["URI.join('http://a/b/c/d;p?q', 'g?y#s').to_s", "\"http://a/b/c/g?y#s\""],
  ["URI.join('http://a/b/c/d;p?q', '//g').to_s", "\"http://g\""],
  ["URI.join('http://a/b/c/d;p?q', '../../../g').to_s", "\"http://a/g\""],
  ["URI.join('http://a/b/', 'c', 'd').to_s", "\"http://a/b/d\""],
  ["URI.parse('http://a/b').merge('/c?d').to_s", "\"http://a/c?d\""],
  ["begin; URI.parse('http://a b'); rescue => e; e.class; end", "URI::InvalidURIError"],
  ["URI.encode_www_form(a: 1, b: 'x y&z', c: [1, 2], d: nil)", "\"a=1&b=x+y%26z&c=1&c=2&d\""],
  ["URI.encode_www_form([['q', 'ruby lang'], ['lang', 'en']])", "\"q=ruby+lang&lang=en\""],
  ["URI.decode_www_form('a=1&b=x+y%26z&c')", "[[\"a\", \"1\"], [\"b\", \"x y&z\"], [\"c\", \"\"]]"],
  ["URI.decode_www_form_component('x+y%20z%C3%A9')", "\"x y zé\""],
  ["URI.encode_www_form_component('a b*~é/')", "\"a+b*%7E%C3%A9%2F\""],
  ["u = URI('http://x.org/'); u.path = '/p'; u.query = 'a=1'; u.to_s", "\"http://x.org/p?a=1\""],
  ["URI::HTTPS.build(host: 'h.org', path: '/x', query: 'y=1').to_s", "\"https://h.org/x?y=1\""],
  ["CGI.escape('a b&c/é~*')", "\"a+b%26c%2F%C3%A9~%2A\""],
  ["CGI.unescape('a+b%26c')", "\"a b&c\""],
  ["CGI.escapeHTML(%q(<a href=\"x\">'&'</a>))", "\"&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\""],
  ["CGI.unescapeHTML('&lt;p&gt;&amp;&#39;&#x27;&quot;&copy;&#233;')", "\"<p>&''\\\"&copy;é\""],
  ["CGI.escapeURIComponent('a b')", "\"a%20b\""],
  ["ERB::Util.h('<b>&\"\\'')", "\"&lt;b&gt;&amp;&quot;&#39;\""],
  ["ERB::Util.html_escape('x')", "\"x\""],
  ["ERB::Util.url_encode('a b/é~')", "\"a%20b%2F%C3%A9~\""],
  ["o = OpenStruct.new(name: 'x'); o.age = 3; [o.name, o.age, o[:name], o.to_h, o.respond_to?(:age), o.missing, o == OpenStruct.new(name: 'x', age: 3)]", "[\"x\", 3, \"x\", {:name=>\"x\", :age=>3}, true, nil, true]"],
  ["OpenStruct.new(a: 1).inspect", "\"#<OpenStruct a=1>\""],
  ["OpenStruct.new(a: {b: 2}).dig(:a, :b)", "2"],
  ["File.join('a', 'b', '/c')", "\"a/b/c\""],
  ["File.join('a/', '/b')", "\"a/b\""],
  ["File.basename('/x/y.rb', '.rb')", "\"y\""],
  ["File.basename('/x/y.tar.gz', '.*')", "\"y.tar\""],
  ["File.basename('/x/')", "\"x\""],
  ["File.extname('a/b.tar.gz')", "\".gz\""],
  ["File.extname('.bashrc')", "\"\""],
  ["File.extname('a.')", "\".\""],
  ["File.dirname('/a/b/c')", "\"/a/b\""],
  ["File.dirname('a')", "\".\""],
  ["File.dirname('/a')", "\"/\""],
  ["File.dirname('a/b/c/d', 2)", "\"a/b\""],
  ["File.split('/a/b')", "[\"/a\", \"b\"]"],
];

// One route answering each expression's inspect, one a line (no eval in mruby).
const rubyString = (s) => JSON.stringify(s).replace(/#/g, '\\#');
function checksApp(pairs) {
  const lines = pairs.map(([e]) => `  out << (begin; (${e}).inspect; rescue StandardError => e; "#{e.class}: #{e.message}".inspect; end) # ${rubyString(e)}`);
  return `require 'ostruct'\nT = Time.gm(2020, 1, 2, 3, 4, 5, 123456)\nget '/' do\n  out = []\n${lines.join('\n')}\n  out.join("\\n")\nend\n`;
}

test('Time, Date, URI, CGI, ERB::Util, OpenStruct and File paths answer as CRuby does', async () => {
  const { app } = await loadTempApp({ 'app.rb': checksApp(CRUBY) });
  const got = (await get(app, '/')).split('\n');
  CRUBY.forEach(([expr, want], i) => assert.equal(got[i], want, expr));
});

test('used without a require, the stdlib Sinatra loads is bundled and loaded; hello carries none of it', async () => {
  const { app, dir } = await loadTempApp({
    'app.rb': "get('/') { [Time.parse('2020-01-02').to_i, URI('http://a.org/x').host, Date.new(2020, 1, 2).to_s, CGI.escape('a b'), " +
      "ERB::Util.h('<'), Logger::INFO].inspect }\nget('/v') { erb :v }\n",
    'views/v.erb': "<%= Time.gm(2020, 1, 2).strftime('%d %b') %>",
  });
  assert.equal(await get(app, '/'), '[1577923200, "a.org", "2020-01-02", "a+b", "&lt;", 1]');
  assert.equal(await get(app, '/v'), '02 Jan');
  assert.deepEqual(bundled(dir).filter((n) => n.startsWith('kiln/')).sort(), ['kiln/lib/cgi.rb', 'kiln/lib/date.rb', 'kiln/lib/erb.rb',
    'kiln/lib/logger.rb', 'kiln/lib/time.rb', 'kiln/lib/uri.rb', 'kiln/prelude.rb']);
  const hello = await loadTempApp({ 'app.rb': fs.readFileSync(new URL('../../examples/hello/app.rb', import.meta.url), 'utf8') });
  assert.deepEqual(bundled(hello.dir), ['app.rb']);
});

test('Logger writes formatted lines to the console at its level; $stdout / STDOUT / $stderr exist with it', async () => {
  const out = [];
  const { app, errors } = await loadTempApp({
    'app.rb': `require 'logger'
LOG = Logger.new(STDOUT)
LOG.level = Logger::INFO
LOG.formatter = proc { |sev, _time, prog, msg| "#{sev} #{prog.inspect} #{msg}\\n" }
get '/' do
  LOG.debug('hidden')
  LOG.info('shown')
  LOG.warn('prog') { 'from a block' }
  LOG.progname = 'app'
  LOG.error(RuntimeError.new('boom'))
  Logger.new($stderr).fatal('to stderr')
  $stdout.puts 'plain'
  default = Logger.new($stdout)
  default.info('formatted')
  [LOG.info?, LOG.debug?, Logger.new(nil).info('nothing')].inspect
end
`,
  }, { print: (line) => out.push(line) });
  assert.equal(await get(app, '/'), '[true, false, true]');
  assert.deepEqual(out.slice(0, 4), ['INFO nil shown', 'WARN "prog" from a block', 'ERROR "app" boom', 'plain']);
  assert.match(out[4], /^I, \[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6} #1\]  INFO -- : formatted$/);
  assert.ok(errors.some((e) => /^F, \[.*\] FATAL -- : to stderr$/.test(e)), errors.join('\n'));
});

test('pp, Forwardable, Struct', async () => {
  const out = [];
  const { app } = await loadTempApp({
    'app.rb': `require 'pp'
require 'forwardable'
class Queue2
  extend Forwardable
  def_delegators :@items, :size, :<<, :first
  def_delegator :@items, :last, :newest
  def initialize; @items = []; end
end
Point = Struct.new(:x, :y)
get '/' do
  pp({ a: 1 })
  q = Queue2.new
  q << 1 << 2
  [q.size, q.first, q.newest, Point.new(1, 2).x, Point.new(1, 2).to_a].inspect
end
`,
  }, { print: (line) => out.push(line) });
  assert.equal(await get(app, '/'), '[2, 1, 2, 1, [1, 2]]');
  assert.deepEqual(out, ['{:a=>1}']);
});

test('File and Dir: a read-only view of the bundled files, rooted at /bundle', async () => {
  const { app, dir } = await loadTempApp({
    'app.rb': `require_relative 'lib/paths'
get('/read') { File.read(File.join(__dir__, 'data', 'config.json')) }
get('/lib') { LIB_DIR }
get('/glob') { [Dir.glob('**/*.json'), Dir['data/*'], Dir.glob('*.rb'), Dir.glob('/bundle/lib/*.rb')].inspect }
get('/exist') { [File.exist?('data/config.json'), File.file?('data'), File.directory?('data'), File.exist?('app.rb'), File.exist?('nope')].inspect }
get('/lines') { File.readlines('data/notes.txt', chomp: true).inspect + File.open('data/notes.txt') { |f| f.gets } }
get('/errors') do
  (%w[app.rb nope].map { |f| begin; File.read(f); rescue StandardError => e; e.class.to_s; end } +
    [begin; File.write('data/x.txt', 'y'); rescue StandardError => e; e.message; end,
     begin; File.open('data/notes.txt', 'w'); rescue Errno::EROFS => e; e.class.to_s; end]).join('|')
end
`,
    'lib/paths.rb': "LIB_DIR = [__dir__, File.expand_path('../data', __dir__), __FILE__].inspect\n",
    'data/config.json': '{"name": "#{not interpolated}"}\n',
    'data/notes.txt': 'one\ntwo\n',
    'public/skip.json': '{}',
  });
  assert.equal(await get(app, '/read'), '{"name": "#{not interpolated}"}\n');
  assert.equal(await get(app, '/lib'), '["/bundle/lib", "/bundle/data", "lib/paths.rb"]');
  assert.equal(await get(app, '/glob'), '[["data/config.json"], ["data/config.json", "data/notes.txt"], ["app.rb"], ["/bundle/lib/paths.rb"]]');
  assert.equal(await get(app, '/exist'), '[true, false, true, true, false]');
  assert.equal(await get(app, '/lines'), '["one", "two"]one\n');
  const errors = (await get(app, '/errors')).split('|');
  assert.deepEqual(errors.slice(0, 2), ['IOError', 'Errno::ENOENT']);
  assert.match(errors[2], /^File.write\("data\/x.txt"\): a Worker has no writable filesystem/);
  assert.equal(errors[3], 'Kiln::ReadOnlyFileSystem');
  assert.ok(bundled(dir).includes('kiln/files.rb'));
});
