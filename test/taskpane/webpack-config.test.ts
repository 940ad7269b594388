import path from "path";

// The real module installs a CA certificate in the machine's trust store: never run that in a test.
jest.mock("office-addin-dev-certs", () => ({ getHttpsServerOptions: async () => ({ key: "KEY", cert: "CERT", ca: "CA" }) }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const factory = require("../../webpack.config.js") as (env: Record<string, unknown>, argv: { mode: string }) => Promise<{
  output: { path: string; clean: unknown };
  entry: Record<string, string>;
  devServer?: { port: number; host: string; server: { type: string; options: Record<string, string> } };
  plugins: { constructor: { name: string }; userOptions?: Record<string, unknown> }[];
}>;

describe("webpack config", () => {
  test("builds into dist/web only, cleaning only there, with both office.js pages and no dev server", async () => {
    const cfg = await factory({}, { mode: "production" });
    const root = path.resolve(__dirname, "..", "..");
    expect(cfg.output.path).toBe(path.join(root, "dist", "web"));
    expect(cfg.output.clean).toBe(true);
    // The pane, and the Web Worker that runs the browser mode's check (not injected into the pages).
    expect(Object.keys(cfg.entry)).toEqual(["taskpane", "check-worker"]);
    expect(cfg.devServer).toBeUndefined();
    const pages = cfg.plugins
      .filter((p) => p.constructor.name === "HtmlWebpackPlugin")
      .map((p) => [p.userOptions?.filename, p.userOptions?.officeJs]);
    expect(pages).toEqual([
      ["taskpane.html", "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"],
      ["taskpane.local.html", "office-js/office.js"],
    ]);
  });

  test("serve mode: https dev server on localhost:3000 with the office-addin-dev-certs certificates", async () => {
    const cfg = await factory({ WEBPACK_SERVE: true }, { mode: "development" });
    expect(cfg.devServer?.port).toBe(3000);
    expect(cfg.devServer?.host).toBe("localhost");
    expect(cfg.devServer?.server).toEqual({ type: "https", options: { key: "KEY", cert: "CERT", ca: "CA" } });
  });
});
