// ERB templates end to end: real apps built by `kiln build` (templates
// compiled to bytecode) and served by the wasm runtime under node.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build, BuildError } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { loadTempApp, tempApp } from '../support/helpers.mjs';

const quiet = () => {};

const APP = `require 'sinatra'
helpers do
  def shout(s) = s.upcase
end
get('/') { @title = 'Home'; erb :index, locals: { name: 'Ann & <Bob>' } }
get('/bare') { erb :index, layout: false, locals: { name: 'x' } }
get('/other') { erb :plain, layout: :frame }
get('/no-layout-file') { erb :plain, layout: :nope }
get('/admin') { erb :'admin/index', layout: false }
get('/inline') { erb :hello, locals: { who: params[:who] } }
get('/trim') { erb :trim, layout: false }
get('/boom') { erb :boom }
get('/inline-boom') { erb :inline_boom }
get('/missing') { erb :nope }
get('/unknown-local') { erb :index, layout: false }
get('/string') { erb '<h1><%= 1 %></h1>' }
get('/xml') { erb :plain, layout: false, content_type: :xml }
get('/nap') { erb :nap, layout: false }
get('/block') { erb(:wrap, layout: false) { 'inside' } }
get('/responds') { erb :responds, layout: false, locals: { here: 1 } }
get('/route-typo') { no_such_helper }
get('/shadow') { erb :shadow, layout: false, locals: { error: 'bad', status: 'draft', format: nil, shout: 'quiet' } }
__END__

@@ hello
Hi <%= who %>
@@ frame
[<%= yield %>]
@@ inline_boom
ok
<% raise ArgumentError, 'inline went wrong' %>
`;

const VIEWS = {
  'views/layout.erb': '<title><%= @title %></title>\n<main><%= yield %></main>\n',
  'views/index.erb': '<h1><%= shout(@title.to_s) %></h1>\n<p><%= name %>|<%== name %></p>\n<%= erb :partial, locals: { n: 3 } %>',
  'views/partial.erb': '<% n.times do |i| %><i><%= i %></i><% end %>',
  'views/plain.erb': 'plain',
  'views/admin/index.erb': 'admin area',
  'views/trim.erb': '<ul>\n  <% [1, 2].each do |x| %>\n  <li><%= x -%>\n  </li>\n  <%- if x > 1 %>  big<% end -%>\n  <% end %>\n<%# a comment\n   on two lines %>\n</ul>\n<%%= not code %>\n',
  'views/boom.erb': 'line 1\nline 2\n<% x = 1 %>\n<%= x + nil %>\n',
  'views/nap.erb': "<% sleep 0.01 %>slept <%= 'well' %>",
  'views/wrap.erb': '(<%= yield %>)',
  'views/shadow.erb': "<%= error %> <%= status %> <%= format.inspect %> <%= shout %> <%= shout('x') %>|<%= erb :status_code %>",
  'views/status_code.erb': '<%= status %>',
  'views/responds.erb': '<%= respond_to?(:here) %> <%= respond_to?(:gone) %> <%= respond_to?(:shout) %>',
};

const { app } = await loadTempApp({ 'app.rb': APP, ...VIEWS });
const get = async (p) => {
  const r = await app.fetch(new Request(`http://localhost${p}`));
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
};

test('a view in the default layout: @ivars, helpers, locals, <%== escaping and a partial', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.equal(r.body, '<title>Home</title>\n<main><h1>HOME</h1>\n<p>Ann & <Bob>|Ann &amp; &lt;Bob&gt;</p>\n<i>0</i><i>1</i><i>2</i></main>\n');
});

test('layout: false, a named layout, and a missing named layout', async () => {
  assert.equal((await get('/bare')).body, '<h1></h1>\n<p>x|x</p>\n<i>0</i><i>1</i><i>2</i>');
  assert.equal((await get('/other')).body, '[plain]\n');
  const r = await get('/no-layout-file');
  assert.equal(r.status, 500);
  assert.match(r.body, /No such file or directory @ rb_sysopen - views\/nope\.erb/);
});

test('templates in subdirectories of views/', async () => {
  assert.equal((await get('/admin')).body, 'admin area');
});

test('inline __END__ templates, wrapped in the layout from views/', async () => {
  assert.equal((await get('/inline?who=you')).body, '<title></title>\n<main>Hi you\n</main>\n');
});

test('trim mode: tag-only lines vanish, -%> and <%- trim, <%# %> and <%% work', async () => {
  assert.equal((await get('/trim')).body, '<ul>\n  <li>1  </li>\n  <li>2  </li>\n  big</ul>\n<%= not code %>\n');
});

test('an error in a view names views/FILE:LINE in the development backtrace', async () => {
  const r = await get('/boom');
  assert.equal(r.status, 500);
  assert.match(r.body, /<pre>views\/boom\.erb:4:in /);
});

test('an error in an inline template names app.rb and its line', async () => {
  const r = await get('/inline-boom');
  assert.match(r.body, /inline went wrong/);
  const line = APP.split('\n').indexOf("<% raise ArgumentError, 'inline went wrong' %>") + 1;
  assert.match(r.body, new RegExp(`<pre>app\\.rb:${line}:in `));
});

test('a missing template is Errno::ENOENT naming the file, raised at the erb call', async () => {
  const r = await get('/missing');
  assert.equal(r.status, 500);
  assert.match(r.body, /<h1>Errno::ENOENT<\/h1><h2>No such file or directory @ rb_sysopen - views\/nope\.erb<\/h2><pre>app\.rb:14:in /);
});

test('an unknown bare name in a template is a NoMethodError at its line', async () => {
  const r = await get('/unknown-local');
  assert.match(r.body, /undefined method &#39;name&#39;/);
  assert.match(r.body, /<pre>views\/index\.erb:2:in /);
});

test('locals answer respond_to?; a NoMethodError in a route still names the route line', async () => {
  assert.equal((await get('/responds')).body, 'true false true');
  const line = APP.split('\n').findIndex((l) => l.includes('no_such_helper')) + 1;
  assert.match((await get('/route-typo')).body, new RegExp(`<pre>app\\.rb:${line}:in `));
});

test('locals win over methods of the same name when used bare, as Ruby locals do', async () => {
  // shout('x') with an argument still calls the helper; a partial without
  // those locals sees the methods again.
  const r = await get('/shadow');
  assert.equal(r.body, 'bad draft nil quiet X|200');
  assert.equal(r.status, 200);
});

test('erb with a String explains that templates are compiled at build time', async () => {
  const r = await get('/string');
  assert.match(r.body, /Kiln::TemplateError/);
  assert.match(r.body, /put it in views\/NAME\.erb/);
});

test('content_type: option, awaiting inside a template, and a block for yield', async () => {
  const xml = await get('/xml');
  assert.equal(xml.type, 'application/xml;charset=utf-8');  // Sinatra's add_charset covers application/xml
  assert.equal(xml.body, 'plain');
  assert.equal((await get('/nap')).body, 'slept well');
  assert.equal((await get('/block')).body, '(inside)');
});

test('modular app with set :views and set :erb, and locals that a partial does not inherit', async () => {
  const d = tempApp({
    'app.rb': `require 'sinatra/base'
class App < Sinatra::Base
  set :views, './templates/'
  set :erb, layout: :alt
  get('/') { erb :page, locals: { title: 'T' } }
  get('/leak') { erb :leak, locals: { secret: 's' } }
end
`,
    'templates/layout.erb': 'not this layout',
    'templates/alt.erb': '<<%= title %>><%= yield %>',
    'templates/page.erb': '<%= title %>!',
    'templates/leak.erb': '<%= secret %><%= erb :inner %>',
    'templates/inner.erb': '<%= secret %>',
    'views/page.erb': 'not this one',
  });
  build(d, { log: quiet });
  const a = await loadApp(d);
  assert.equal(await (await a.fetch(new Request('http://localhost/'))).text(), '<T>T!');
  const leak = await (await a.fetch(new Request('http://localhost/leak'))).text();
  assert.match(leak, /undefined method &#39;secret&#39;/);
  assert.match(leak, /templates\/inner\.erb:1/);
});

test('template syntax errors fail the build with file:line', () => {
  const d = tempApp({ 'app.rb': "get('/') { erb :x }\n", 'views/x.erb': 'a\n<% if true %>\nb\n' });
  assert.throws(() => build(d, { log: quiet }), (e) => e instanceof BuildError && /^views\/x\.erb:3: syntax error/.test(e.message));
  fs.writeFileSync(path.join(d, 'views/x.erb'), 'a\nb <%= oops\n');
  assert.throws(() => build(d, { log: quiet }), (e) => /^views\/x\.erb:2: unclosed '<%=' tag/.test(e.message));
  const inline = tempApp({ 'app.rb': "get('/') { erb :x }\n__END__\n@@ x\nfine\n@@ y\n<% end %>\n" });
  assert.throws(() => build(inline, { log: quiet }), (e) => /^app\.rb:6: syntax error/.test(e.message));
});

test('templates are compiled incrementally', () => {
  const d = tempApp({ 'app.rb': "get('/') { erb :a }\n__END__\n@@ z\nz\n", 'views/a.erb': 'a', 'views/b.erb': 'b' });
  const compiled = () => {
    let line = '';
    build(d, { log: (m) => { line = m; } });
    return line.match(/(\d+) template file\(s\), (\d+) compiled/).slice(1).map(Number);
  };
  assert.deepEqual(compiled(), [3, 4]);  // app.rb + 2 views + the __END__ templates
  assert.deepEqual(compiled(), [3, 0]);
  const later = new Date(Date.now() + 2000);
  fs.utimesSync(path.join(d, 'views/b.erb'), later, later);
  assert.deepEqual(compiled(), [3, 1]);
});
