#!/usr/bin/env node
'use strict';
// kpi-register: build, adopt and check KPI registers. The TypeScript sources compile to lib/ with
// `npm run build:cli` (the `kpi` and `demo` npm scripts do it first).
const path = require('node:path');

let cli;
try {
  cli = require(path.join(__dirname, '..', 'lib', 'cli', 'main.js'));
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('main.js')) {
    process.stderr.write('kpi-register: the command is not built yet: run `npm run build:cli` first.\n');
    process.exit(2);
  }
  throw error;
}

// `kpi-register check file | head` closes the pipe early: stop quietly, as other commands do.
process.stdout.on('error', (error) => {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`kpi-register: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 3;
  },
);
