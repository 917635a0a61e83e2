#!/usr/bin/env node
/**
 * The `crossbuild` executable (bundled to dist/cli/index.js, package.json `bin`): the `cli()` the tests run, with the
 * process's own streams. One static bundle: ncc minifies only the entry file, and `plan` measured 256 ms with the
 * run in a lazily loaded (unminified) chunk.
 */
import { messageOf } from '../errors.js';
import { VERSION } from './inputs.generated.js';
import { cli, defaultCliDeps, EXIT } from './main.js';

cli(process.argv.slice(2), defaultCliDeps(VERSION)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`crossbuild: internal error: ${messageOf(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);
