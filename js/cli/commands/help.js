// `kiln help [COMMAND] [--markdown]`: the help texts of js/cli/help.js, for
// one command, the command list, or all of it as docs/reference/cli.md.
import { UsageError } from '../args.js';
import { commandHelp, mainUsage, markdown } from '../help.js';

export const command = {
  name: 'help',
  summary: "print a command's help (--markdown: the CLI reference, docs/reference/cli.md)",
  usage: 'help [COMMAND] [--markdown]',
  description: `
Prints what 'kiln COMMAND --help' prints, or without COMMAND the command
list. With --markdown, prints every command's help as Markdown: the CLI
reference, docs/reference/cli.md, is this output.`,
  options: { markdown: { type: 'boolean', help: 'every command, as the Markdown of docs/reference/cli.md' } },
  // commands: the table (js/cli/commands/index.js), passed in by main.js.
  run({ positionals, values }, { commands }) {
    if (positionals.length > 1) throw new UsageError('give at most one COMMAND');
    if (values.markdown) {
      process.stdout.write(markdown(commands));
    } else if (positionals.length === 0) {
      console.log(mainUsage(commands));
    } else {
      const cmd = commands.find((c) => c.name === positionals[0]);
      if (!cmd) throw new UsageError(`unknown command '${positionals[0]}'`);
      console.log(commandHelp(cmd));
    }
    return 0;
  },
};
