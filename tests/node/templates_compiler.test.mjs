// The ERB → Ruby compiler (js/cli/build/templates.js) on its own, without mrbc or wasm.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erbToRuby, fileTemplateRuby, inlineTemplates, inlineTemplatesRuby, methodName, TemplateSyntaxError } from '../../js/cli/build/templates.js';

const lines = (s) => s.split('\n').length;

test('text and expressions: to_s appended, <%== escaped, quotes and backslashes kept', () => {
  assert.equal(erbToRuby("it's <%= name %>"), "_erbout << 'it\\'s ';_erbout << ( name ).to_s;");
  assert.equal(erbToRuby('a\\b'), "_erbout << 'a\\\\b';");
  assert.equal(erbToRuby('<%== x %>'), '_erbout << ::Kiln::Utils.escape_html(( x ).to_s);');
  assert.equal(erbToRuby(''), '');
});

test('<%% is a literal <%, and what follows stays text', () => {
  assert.equal(erbToRuby('<%%= x %>'), "_erbout << '<%= x %>';");
});

test('a code or comment tag alone on its line removes the line; the newline moves into the code', () => {
  assert.equal(erbToRuby('a\n  <% if x %>\nb\n'), "_erbout << 'a\n'; if x \n_erbout << 'b' << \"\\n\";");
  assert.equal(erbToRuby('<%# note\n more %>\nb'), "\n\n_erbout << 'b';");
  // Not alone: the text around it stays.
  assert.equal(erbToRuby('a <% x %> b\n'), "_erbout << 'a '; x ;_erbout << ' b' << \"\\n\";");
});

test('-%> drops the newline after a tag, <%- the indentation before it', () => {
  assert.equal(erbToRuby('<%= x -%>\ny'), "_erbout << ( x ).to_s;\n_erbout << 'y';");
  assert.equal(erbToRuby('a\n   <%- x %> y'), "_erbout << 'a\n'; x ;_erbout << ' y';");
  assert.equal(erbToRuby('a <% x -%>\ny'), "_erbout << 'a '; x \n_erbout << 'y';");
});

test('every template line stays on the same line of the generated Ruby', () => {
  const samples = [
    'a\nb\n', '<% 3.times do |i| %>\n  <li><%= i -%>\n  </li>\n<% end %>\n', '<%# one\ntwo\nthree %>\nx',
    '<%= [1,\n 2].size %>\n<%%\n', 'x\n  <%- y %>\n<%# c -%>\nz', '\n\n\n',
  ];
  for (const src of samples) {
    const ruby = erbToRuby(src);
    // The last newline is kept out so the caller closes the method on the last line.
    assert.equal(lines(ruby), lines(src) - (src.endsWith('\n') ? 1 : 0), JSON.stringify(src));
    assert.equal(lines(fileTemplateRuby('views/t.erb', src)), lines(ruby));
  }
});

test('an unclosed tag is an error naming its line', () => {
  assert.throws(() => erbToRuby('a\nb <%= x\nc'), (e) => e instanceof TemplateSyntaxError && e.line === 2 && /unclosed '<%='/.test(e.message));
});

test('inline templates: names, header lines and sources as Sinatra reads them', () => {
  const app = "get('/') { erb :a }\n__END__\n\n@@ a\nA <%= 1 %>\n\n@@  admin/b \nB\n@@ c\n";
  assert.deepEqual(inlineTemplates(app), [
    { name: 'a', line: 4, source: 'A <%= 1 %>\n\n' },
    { name: 'admin/b', line: 7, source: 'B\n' },
    { name: 'c', line: 9, source: '' },
  ]);
  assert.equal(inlineTemplates("get('/') { 1 }\n"), null);
  assert.equal(inlineTemplates("x\n__END__\nno templates here\n"), null);
  // Each method opens on its header's line, so the content keeps the file's line numbers.
  const ruby = inlineTemplatesRuby('app.rb', app).split('\n');
  assert.match(ruby[3], new RegExp(`^def ${methodName('inline', 'a')};`));
  assert.match(ruby[4], /\( 1 \)\.to_s/);
  assert.match(ruby[6], new RegExp(`def ${methodName('inline', 'admin/b')};`));
  assert.match(ruby[8], new RegExp(`def ${methodName('inline', 'c')};`));
  assert.ok(ruby.length <= app.split('\n').length);
});

test('method names are identifiers, readable and distinct', () => {
  const a = methodName('file', 'views/a_b.erb');
  const b = methodName('file', 'views/a/b.erb');
  assert.match(a, /^__kiln_erb_views_a_b_erb_[0-9a-f]{8}$/);
  assert.notEqual(a, b);
  assert.notEqual(methodName('inline', 'x'), methodName('file', 'x'));
});
