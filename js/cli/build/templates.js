// ERB templates, compiled at build time: the Worker has no Ruby parser, so
// each template becomes Ruby source here, then bytecode with mrbc like the
// rest of the app. Every template is a method of Kiln::Templates (included
// into Kiln::Base), so inside it `self` is the app instance: helpers,
// params, @ivars and `yield` (the layout's content) work as in Sinatra.
// Locals are not Ruby local variables (their names are only known per call,
// at runtime): a bare `title` is a method call that the runtime answers from
// the locals of the template being rendered (ruby/kiln/sinatra/templates.rb).
//
// Line numbers are preserved: template line N is line N of the generated
// Ruby, compiled under the template's own path, so syntax errors and
// backtraces say views/index.erb:N (and app.rb:N for __END__ templates).
import { runMrbc } from './mrbc.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const BUF = '_erbout';
// The bundle entry holding the main file's __END__ templates.
export const INLINE_ENTRY = 'kiln:inline_templates';

export class TemplateSyntaxError extends Error {
  constructor(line, message) {
    super(message);
    this.line = line;
  }
}

const lineAt = (src, index) => src.slice(0, index).split('\n').length;
const quote = (text) => `'${text.replace(/[\\']/g, '\\$&')}'`;
const newlines = (s) => '\n'.repeat((s.match(/\n/g) || []).length);

// ERB → Ruby statements appending to `_erbout`, with exactly the template's
// newlines, the last one (if any) kept out of the code so the caller can
// close the method on the template's last line. Tags, as Sinatra's ERB
// (Erubi, trim mode on):
//   <% code %>  <%= expr %> (to_s, not escaped)  <%== expr %> (escaped)
//   <%# comment %>  <%% (a literal "<%")
//   a <% %> or <%# %> tag alone on its line removes the whole line;
//   <%- strips the indentation before it, -%> the newline after it.
export function erbToRuby(src) {
  const out = [];  // [kind, text]: 'text' (output), 'code'
  let text = '';
  const flushText = () => { if (text) out.push(['text', text]); text = ''; };
  let pos = 0;
  for (;;) {
    const start = src.indexOf('<%', pos);
    if (start < 0) break;
    let chunk = src.slice(pos, start);
    if (src[start + 2] === '%') {  // <%% is a literal <%
      text += `${chunk}<%`;
      pos = start + 3;
      continue;
    }
    const indicator = /^(==|=|-|#)?/.exec(src.slice(start + 2, start + 4))[0];
    const codeStart = start + 2 + indicator.length;
    const end = src.indexOf('%>', codeStart);
    if (end < 0) throw new TemplateSyntaxError(lineAt(src, start), `unclosed '<%${indicator}' tag (no matching '%>')`);
    let code = src.slice(codeStart, end);
    const trimAfter = code.endsWith('-');
    if (trimAfter) code = code.slice(0, -1);
    // Spaces and the newline after the tag, if that is all up to the line end.
    const after = /^[ \t]*(\r?\n|$)/.exec(src.slice(end + 2));
    const atEol = after !== null;
    const rspace = after ? after[0] : '';
    // Whitespace between the start of the line and the tag, if that is all.
    const lineStart = src.lastIndexOf('\n', start - 1) + 1;
    const lead = src.slice(lineStart, start);
    const lspace = lineStart >= pos && /^[ \t]*$/.test(lead) ? lead : null;
    pos = end + 2;

    if (indicator === '=' || indicator === '==') {
      text += chunk;
      flushText();
      const value = `(${code}).to_s`;
      out.push(['code', `${BUF} << ${indicator === '==' ? `::Kiln::Utils.escape_html(${value})` : value};`]);
      if (trimAfter && atEol) {
        out.push(['code', newlines(rspace)]);
        pos += rspace.length;
      }
      continue;
    }
    const body = indicator === '#' ? newlines(code) : code;
    const wholeLine = lspace !== null && atEol;
    if (lspace !== null && (wholeLine || indicator === '-')) chunk = chunk.slice(0, chunk.length - lspace.length);
    text += chunk;
    flushText();
    if ((wholeLine || trimAfter) && atEol) {
      // The newline goes into the code, which keeps the line count.
      out.push(['code', `${body}${rspace.endsWith('\n') ? '\n' : ';'}`]);
      pos += rspace.length;
    } else {
      out.push(['code', `${body};`]);
    }
  }
  text += src.slice(pos);
  flushText();

  // Generate, keeping the final newline out of the code (see above).
  const last = out.length - 1;
  return out.map(([kind, s], i) => {
    if (kind === 'code') return i === last && s.endsWith('\n') ? `${s.slice(0, -1)};` : s;
    if (i === last && s.endsWith('\n')) return s === '\n' ? `${BUF} << "\\n";` : `${BUF} << ${quote(s.slice(0, -1))} << "\\n";`;
    return `${BUF} << ${quote(s)};`;
  }).join('');
}

// A stable Ruby method name per template (a hash keeps it unique).
export function methodName(kind, key) {
  const readable = key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
  const hash = crypto.createHash('sha1').update(`${kind}:${key}`).digest('hex').slice(0, 8);
  return `__kiln_erb_${readable}_${hash}`;
}

// One line of Ruby: starts the method, on the line before the template's.
const open = (name) => `def ${name}; ${BUF} = String.new; `;
const close = `; ${BUF}; end; `;

// views/index.erb → Ruby defining its method and registering it by path.
export function fileTemplateRuby(rel, src) {
  const name = methodName('file', rel);
  const body = compileLines(rel, src, 0);
  return `module Kiln::Templates; ${open(name)}${body}${close}end; ` +
    `Kiln::Templates.compiled_file(${quote(rel)}, :${name})`;
}

// The @@ templates after __END__ in a Ruby file, as Sinatra reads them:
// [{ name, line (of the "@@ name" header), source }]. Null if there is no
// __END__ line or no template after it.
export function inlineTemplates(rubySource) {
  const lines = rubySource.replace(/\r\n/g, '\n').split('\n');
  const endAt = lines.indexOf('__END__');
  if (endAt < 0) return null;
  const templates = [];
  let current = null;
  for (let i = endAt + 1; i < lines.length; i++) {
    const header = /^@@\s*(.*\S)\s*$/.exec(lines[i]);
    if (header) {
      current = { name: header[1], line: i + 1, lines: [] };
      templates.push(current);
    } else if (current) {
      current.lines.push(lines[i]);
    }
  }
  templates.forEach((t, i) => {
    // Every line but the file's last one ended with a newline.
    t.source = i < templates.length - 1 ? t.lines.map((l) => `${l}\n`).join('') : t.lines.join('\n');
    delete t.lines;
  });
  return templates.length ? templates : null;
}

// All of a file's __END__ templates as Ruby that keeps the file's line
// numbers: each method opens on its "@@ name" line.
export function inlineTemplatesRuby(file, rubySource) {
  const templates = inlineTemplates(rubySource);
  if (!templates) return null;
  let ruby = 'module Kiln::Templates; ';
  const names = [];
  for (const t of templates) {
    // To the header's line (the previous template ended on the line before).
    ruby += '\n'.repeat(t.line - 1 - newlines(ruby).length);
    const name = methodName('inline', t.name);
    names.push(`Kiln::Templates.compiled_inline(${quote(t.name)}, :${name}); `);
    ruby += `${open(name)}\n${compileLines(file, t.source, t.line)}${close}`;
  }
  // On the last template's last line, so errors at the end stay in range.
  return `${ruby}end; ${names.join('')}`;
}

// erbToRuby, with its errors turned into "file:line: message".
function compileLines(file, src, offset) {
  try {
    return erbToRuby(src);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) throw new TemplateBuildError(`${file}:${e.line + offset}: ${e.message}`);
    throw e;
  }
}

export class TemplateBuildError extends Error {}

// The app's template sources, in bundle order: every .erb file (keyed by its
// path, e.g. views/admin/index.erb) and the main file's __END__ templates
// (keyed INLINE_ENTRY): [{ key, rel, file, generate(source) -> Ruby | null }].
export function templateSources(appDir, { main, skipDirs }) {
  const sources = erbFiles(appDir, '', skipDirs).map((rel) => ({ key: rel, rel, file: path.join(appDir, rel), generate: (src) => fileTemplateRuby(rel, src) }));
  const mainFile = path.join(appDir, main);
  if (fs.readFileSync(mainFile, 'utf8').includes('\n__END__')) {
    sources.push({ key: INLINE_ENTRY, rel: main, file: mainFile, generate: (src) => inlineTemplatesRuby(main, src) });
  }
  return sources;
}

// The app's templates as bundle entries [[key, bytecode]...]. Each is
// regenerated and compiled only when its source (or this compiler) is newer
// than the cached bytecode. onFile: called after each source (the build's
// progress counter).
export function compileTemplates(appDir, { main, mrbc, cacheDir, skipDirs, sources = templateSources(appDir, { main, skipDirs }), onFile = () => {} }) {
  const genDir = path.join(cacheDir, 'erb');
  const compilerTime = fs.statSync(SELF).mtimeMs;
  const entries = [];
  let compiled = 0;
  const compileOne = ({ key, rel, file: srcFile, generate }) => {
    const mrb = path.join(genDir, `${rel}.mrb`);
    const srcTime = fs.statSync(srcFile).mtimeMs;
    if (fs.existsSync(mrb) && fs.statSync(mrb).mtimeMs >= Math.max(srcTime, compilerTime)) {
      entries.push([key, new Uint8Array(fs.readFileSync(mrb))]);
      return;
    }
    const ruby = generate(fs.readFileSync(srcFile, 'utf8'));
    if (ruby === null) return;
    // mrbc runs where the generated file has the template's own relative
    // path, so that path is what backtraces and errors name.
    const gen = path.join(genDir, rel);
    fs.mkdirSync(path.dirname(gen), { recursive: true });
    fs.writeFileSync(gen, ruby);
    const r = runMrbc(mrbc, ['-g', '-o', `${rel}.mrb`, rel], genDir);
    if (r.status !== 0) {
      fs.rmSync(mrb, { force: true });
      throw new TemplateBuildError(mrbcError(r.stderr || r.stdout || `mrbc failed on ${rel}`));
    }
    compiled += 1;
    entries.push([key, new Uint8Array(fs.readFileSync(mrb))]);
  };
  for (const source of sources) {
    compileOne(source);
    onFile(source.rel);
  }
  return { entries, compiled };
}

// mrbc says "file:line:column: message"; the column is the generated
// code's, so only file:line is kept.
function mrbcError(text) {
  return text.trim().split('\n').map((l) => l.replace(/^([^:\s]+):(\d+):\d+: /, '$1:$2: ')).join('\n');
}

function erbFiles(appDir, dir, skipDirs) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(appDir, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !skipDirs.has(entry.name) && !entry.name.startsWith('.')) out.push(...erbFiles(appDir, rel, skipDirs));
    else if (entry.isFile() && entry.name.endsWith('.erb')) out.push(rel);
  }
  return out.sort();
}
