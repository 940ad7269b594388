import { main } from "../../src/cli/main";

/** Runs the CLI in-process and collects what it prints. */
export async function run(argv: string[], tty = false, errTty = false): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: tty, stderrIsTTY: errTty });
  return { code, out, err };
}
