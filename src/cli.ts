#!/usr/bin/env node
import { main } from './main.ts';

// The `gazette` binary: the command line on this process's streams. npm scripts run in the
// package's folder; INIT_CWD is where the user typed the command.
process.exitCode = await main(process.argv.slice(2), {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
