/** Worker-thread entry for batch checks (see batch-node.ts): checks one file per message. */
import { parentPort } from "node:worker_threads";
import { checkFile, checkFileForSummary } from "./check-file";

if (parentPort) {
  const port = parentPort;
  port.on("message", (m: { index: number; file: string; digest?: boolean }) => {
    port.postMessage({ index: m.index, result: m.digest ? checkFileForSummary(m.file) : checkFile(m.file).result });
  });
  port.postMessage({ ready: true });
}
