// Serves the built pane (dist/web/) on 127.0.0.1 only, for the browser mode (`npm run browser`) and the browser
// tests. Plain HTTP on the loopback address: nothing is reachable from other machines, and the pages make no
// outside requests (both carry a self-only CSP): browser.html is the browser mode and loads no office.js at all;
// taskpane.local.html is the add-in page with office.js from dist/web/office-js/ (the tests run it over a fake Office).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WEB = path.join(ROOT, "dist", "web");
/** The add-in page with the local office.js (the browser tests load it over a fake Office). */
export const PAGE = "taskpane.local.html";
/** The browser mode: the pane without office.js. */
export const BROWSER_PAGE = "browser.html";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/** Starts the server; resolves with it once listening (port 0 = any free port). */
export function serveWeb(port = 0, web = WEB) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, "") || BROWSER_PAGE;
    const file = path.resolve(web, rel);
    if (!file.startsWith(web + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(path.join(WEB, BROWSER_PAGE))) {
    console.error(`dist/web/${BROWSER_PAGE} がありません。先に npm run build を実行してください。 / Run npm run build first.`);
    process.exit(2);
  }
  const port = Number(process.env.PORT ?? 3001);
  serveWeb(port).then(
    (server) => {
      const url = `http://127.0.0.1:${server.address().port}/${BROWSER_PAGE}`;
      console.log(`TICS Check ブラウザーモード / browser mode: ${url}`);
      console.log("ファイルはこの PC の中だけで処理されます。Ctrl+C で終了。 / Files stay on this computer. Ctrl+C to stop.");
    },
    (e) => {
      console.error(`ポート ${port} を開けません / cannot listen on port ${port}: ${e.message} (PORT=… で変更 / set PORT=…)`);
      process.exit(2);
    },
  );
}
