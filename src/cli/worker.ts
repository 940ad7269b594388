/** Worker-thread entry for batch checks (see batch-node.ts): checks one file per message. */
import { parentPort } from "node:worker_threads";
import { checkFile, digestOf } from "./check-file";

if (parentPort) {
  const port = parentPort;
  port.on("message", (m: { index: number; file: string; digest?: boolean }) => {
    const result = checkFile(m.file).result;
    port.postMessage({ index: m.index, result: m.digest ? digestOf(result) : result });
  });
  port.postMessage({ ready: true });
}
