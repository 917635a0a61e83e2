#!/usr/bin/env node
/**
 * The `crossbuild` executable (bundled to dist/cli/index.js, package.json `bin`). One static bundle: ncc minifies
 * only the entry file, and `plan` measured 256 ms with the run in a lazily loaded (unminified) chunk.
 */
import { helpText, parseArgs, UsageError } from './args.js';
import { VERSION } from './inputs.generated.js';
import { defaultCliDeps, runCommand } from './main.js';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`crossbuild: ${err.message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }
  return runCommand(args, defaultCliDeps(VERSION));
}

void main().then((code) => {
  process.exitCode = code;
});
