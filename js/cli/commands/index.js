// The kiln CLI's one command table, in the order `kiln --help` and
// docs/reference/cli.md list them. Each entry is declared beside its code:
// { name, summary, usage, description, options, footer?, passthrough?,
// run(args, { commands }) -> exit status } (js/cli/help.js says how the
// help is made of it, js/cli/args.js what args is). The modules import the
// build, the runtime and the parsers only when a command runs, so loading
// this table (kiln --help) is cheap.
import { command as build } from './build.js';
import { command as help } from './help.js';
import { command as db } from './migrate.js';
import { command as newApp } from './new.js';
import { alarms, cron, queue } from './offline.js';
import { command as request } from './request.js';
import { command as test } from './test.js';
import { deploy, dev } from './wrangler.js';

export const COMMANDS = [newApp, build, test, dev, deploy, request, queue, cron, alarms, db, help];
