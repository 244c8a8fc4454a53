#!/usr/bin/env node
import { main } from './main.ts';

// The `gazette` binary: the command line on this process's streams. npm scripts run in the
// package's folder; INIT_CWD is where the user typed the command.

// A reader that stops early (`gazette build | head`) closes the pipe: what is left to print goes
// nowhere, and the command finishes its work all the same.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
process.exitCode = await main(process.argv.slice(2), {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
