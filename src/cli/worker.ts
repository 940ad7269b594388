/**
 * Worker-thread entry for batch checks (see batch-node.ts): checks one file per message. The message carries the
 * file's bytes when the main thread could read them ahead (small regular files); otherwise the worker reads the file.
 */
import { parentPort } from "node:worker_threads";
import { checkFile, checkFileForSummary } from "./check-file";

if (parentPort) {
  const port = parentPort;
  port.on("message", (m: { index: number; file: string; digest?: boolean; bytes?: Uint8Array }) => {
    const result = m.digest ? checkFileForSummary(m.file, undefined, m.bytes) : checkFile(m.file, undefined, false, m.bytes).result;
    port.postMessage({ index: m.index, result });
  });
  port.postMessage({ ready: true });
}
