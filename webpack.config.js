/**
 * Web build of the task pane → dist/web/ ONLY (dist/cli, dist/core … are the tsc CLI build and must survive;
 * output.clean therefore only ever cleans dist/web).
 *
 * office.js — decision: the build emits BOTH pages from src/taskpane/taskpane.html:
 *   - taskpane.html        loads Office's CDN copy (https://appsforoffice.microsoft.com/lib/1/hosted/office.js), as
 *                          Office requires for add-ins in production; manifest.xml points here.
 *   - taskpane.local.html  loads the copy from node_modules/@microsoft/office-js/dist/, copied into
 *                          dist/web/office-js/ — for the browser tests and offline use (no request leaves the
 *                          machine). It also carries a strict Content-Security-Policy (self only).
 *   - browser.html         the browser mode (open a .xlsx in a plain browser): the same pane WITHOUT office.js, which
 *                          it never uses (outside Office, office.js would only try to frame Microsoft's telemetry
 *                          page, which the CSP refuses); same strict CSP. index.tsx starts the browser mode when
 *                          `Office` is undefined.
 * Chunks: React + Fluent UI in the main chunk; the Excel host (src/excel/host.ts) and the browser host with the
 * .xlsx gateway (src/app/browser-host.ts) are lazy chunks loaded by src/taskpane/index.tsx.
 * The dev server (https://localhost:3000, certificates from office-addin-dev-certs) is set up only in `serve` mode.
 * Deployment: `npm run build -- --env url=https://host/path/` (the yo-office `urlProd` convention) writes
 * dist/web/manifest.xml with every https://localhost:3000/ URL replaced by that address; without it the copy stays on
 * localhost. The repository's manifest.xml is never changed.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const OUT = path.resolve(__dirname, "dist", "web");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_DIST = path.resolve(__dirname, "node_modules", "@microsoft", "office-js", "dist");
const DEV_URL = "https://localhost:3000/";

/** The production address from `--env url=…`: https, ending in "/" (added when missing); null when not given. */
function productionUrl(env) {
  const raw = env && typeof env.url === "string" ? env.url.trim() : "";
  if (!raw) return null;
  const url = raw.endsWith("/") ? raw : `${raw}/`;
  if (!/^https:\/\/[^/\s"<>]+\/[^\s"<>]*$/.test(url)) throw new Error(`--env url must be an https:// address (got ${raw})`);
  return url;
}

/** manifest.xml with every development URL pointing at `url`. */
function manifestFor(xml, url) {
  return url ? xml.split(DEV_URL).join(url) : xml;
}

const LOCAL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'";

module.exports = async (env, argv) => {
  const mode = argv.mode === "production" ? "production" : "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const url = productionUrl(env);
  const page = (filename, officeJs, officeJsNote, csp) =>
    new HtmlWebpackPlugin({
      filename,
      template: path.resolve(__dirname, "src/taskpane/taskpane.html"),
      chunks: ["taskpane"],
      inject: "body",
      scriptLoading: "defer",
      officeJs,
      officeJsNote,
      csp,
    });
  const config = {
    mode,
    entry: {
      taskpane: path.resolve(__dirname, "src/taskpane/index.tsx"),
      // The browser mode's check runs in this Web Worker (src/app/browser-host.ts loads check-worker.js by name).
      "check-worker": path.resolve(__dirname, "src/app/check-worker.ts"),
    },
    output: {
      path: OUT,
      filename: (data) => (data.chunk && data.chunk.name === "check-worker" ? "check-worker.js" : "[name].[contenthash:8].js"),
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
      publicPath: "auto",
    },
    devtool: mode === "production" ? false : "source-map",
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "ESNext" } } },
        },
      ],
    },
    plugins: [
      page("taskpane.html", OFFICE_CDN, "Office CDN (production)", ""),
      page("taskpane.local.html", "office-js/office.js", "local copy from @microsoft/office-js (tests, offline)", LOCAL_CSP),
      page("browser.html", "", "none (browser mode, outside Office)", LOCAL_CSP),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets", noErrorOnMissing: true, globOptions: { ignore: ["**/.gitkeep"] } },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            noErrorOnMissing: true,
            transform: (content) => manifestFor(content.toString("utf8"), url),
          },
          {
            from: OFFICE_DIST,
            to: "office-js",
            // Already minified by Microsoft: do not run them through terser again (slow, and not our code).
            info: { minimized: true },
            globOptions: {
              ignore: ["**/*.debug.js", "**/*.d.ts", "**/office-vsdoc.js"],
            },
            filter: (file) => {
              const rel = path.relative(OFFICE_DIST, file).split(path.sep);
              if (rel.length === 1) return /^(office|excel-[^/]+|o15apptofilemappingtable|es6-promise)\.js$/.test(rel[0]);
              return rel[0] === "en-us" || rel[0] === "ja-jp";
            },
          },
        ],
      }),
    ],
    performance: { hints: false },
    optimization: {
      splitChunks: false,
    },
  };
  if (serving) {
    const devCerts = require("office-addin-dev-certs");
    config.devServer = {
      port: 3000,
      host: "localhost",
      server: { type: "https", options: await devCerts.getHttpsServerOptions() },
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: OUT },
      hot: false,
    };
  }
  return config;
};

module.exports.productionUrl = productionUrl;
module.exports.manifestFor = manifestFor;
