/**
 * Loaded by bin/tics-check.js before the rest of the CLI: when the command line asks for a batch that will run on
 * worker threads (several files, no --profile, nothing that stops before checking), the first worker starts at once
 * and its start-up overlaps the CLI's own (see prestartWorker).
 */
import { parseArgs } from "./args";
import { prestartWorker } from "./batch-node";

/**
 * Starts a batch's first worker when `argv` asks for a batch on workers (when the compiled worker exists: not from
 * TypeScript sources). True when `argv` asks for such a batch.
 */
export function prestartFor(argv: string[]): boolean {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return false;
  const o = parsed.options;
  // A custom profile is checked in-process (see checkFiles); --help, --version and --print-profile check nothing.
  if (o.files.length < 2 || o.profile || o.help || o.version || o.printProfile) return false;
  prestartWorker();
  return true;
}
