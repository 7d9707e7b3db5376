// `kiln build [APP_DIR]`: the command; the build itself is js/cli/build/build.js
// (imported when the command runs, so `kiln --help` loads no compiler).
import { atMost } from '../args.js';

export const command = {
  name: 'build',
  summary: 'compile APP_DIR/app.rb or config.ru (default: .) into APP_DIR/build/',
  usage: 'build [APP_DIR]',
  description: `
Compiles the app's entry and every other .rb file under APP_DIR (except build/,
test/, public/, node_modules/) to mruby bytecode, and writes the Worker
entry APP_DIR/build/worker.mjs with the runtime beside it. ERB templates
(every .erb file, e.g. views/index.erb, and the @@ templates after __END__
in app.rb) are compiled to bytecode too. A Ruby syntax error stops the
build with file:line:column and the message; a template error with
file:line and the message. On a terminal, a counter shows the files being
compiled.

The entry is config.ru when APP_DIR has one (a Rack::Builder file: use,
run, map; it usually requires './app'), else app.rb.

The configuration is wrangler.json, wrangler.jsonc or wrangler.toml (the
first found, as wrangler picks it); a \`schedule\` block whose cron is not in
its [triggers] crons is warned about (it would never fire).`,
  async run({ positionals }) {
    atMost(positionals, 1, 'one APP_DIR');
    const { build } = await import('../build/build.js');
    build(positionals[0] ?? '.', { progress: process.stderr.isTTY });
    return 0;
  },
};
