#!/usr/bin/env node
import { Command } from 'commander';
import { type BuildResult, build } from './build.ts';
import { GazetteErrors, isUserError } from './errors.ts';
import { formatWarning } from './warnings.ts';

/** The folder the user typed the command in: npm scripts run in the package's folder. */
const cwd = process.env.INIT_CWD ?? process.cwd();

const program = new Command()
  .name('gazette')
  .description('Turns a folder of articles into Atom, RSS and JSON feeds and an email digest.')
  .showSuggestionAfterError()
  .configureOutput({ outputError: (text, write) => write(text) })
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1));

program
  .command('build')
  .description('Build the feeds, entries and digest from a folder of articles.')
  .option('-i, --input <dir>', 'folder of .txt and .md articles', 'seeds')
  .option('-o, --out <dir>', 'output folder, replaced as a whole', 'out')
  .option('-c, --config <file>', 'configuration file', 'gazette.config.json')
  .addHelpText(
    'after',
    `
Examples:
  $ gazette build
  $ gazette build --input articles --out public
  $ gazette build --config site/gazette.config.json`,
  )
  .action(async (options: { input: string; out: string; config: string }) => {
    const result = await build({ ...options, cwd });
    printSummary(result, options.out);
  });

function printSummary(result: BuildResult, out: string): void {
  for (const warning of result.warnings) console.error(`warning: ${formatWarning(warning)}`);
  const count = result.entries.length;
  console.log(`Built ${count} entr${count === 1 ? 'y' : 'ies'} into ${out}/`);
  for (const file of result.written) {
    console.log(`  ${file.path.padEnd(14)} ${formatBytes(file.bytes).padStart(9)}`);
  }
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isUserError(error)) {
    const errors = error instanceof GazetteErrors ? error.errors : [error];
    for (const e of errors) console.error(`error: ${e.format()}`);
    if (errors.length > 1) console.error(`${errors.length} problems; nothing was written.`);
    else console.error('Nothing was written.');
    process.exitCode = 1;
  } else {
    console.error('Gazette hit a bug (this is not a problem with your input):');
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  }
}
