#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled to dist/ by `npm run build:cli` (run automatically by `npm ci` via "prepare").
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("tics-check: dist/ がありません。`npm run build:cli` を実行してください。 (dist/ missing: run `npm run build:cli`.)\n");
  process.exit(2);
}
// Output piped into a reader that stops early (`tics-check … | head`): stop quietly instead of crashing on EPIPE.
process.stdout.on("error", (err) => {
  if (err && err.code === "EPIPE") process.exit(0);
  throw err;
});
// A batch's first worker thread starts now, while the rest of the CLI loads and looks at its arguments.
require(path.join(__dirname, "..", "dist", "cli", "prestart.js")).prestartFor(process.argv.slice(2));
const cli = require(entry);
// SIGINT/SIGTERM while writing: remove the temporary file, exit 130/143.
if (cli.installSignalCleanup) cli.installSignalCleanup();
cli.main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { process.stderr.write(String((err && err.stack) || err) + "\n"); process.exit(2); }
);
