import fs from "fs";
import path from "path";
import { manifestOrigin, validateManifest } from "../../scripts/validate-manifest";

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
  test("builds into dist/web only, cleaning only there, with both office.js pages, the browser-mode page without office.js and no dev server", async () => {
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
      // browser mode: no office.js at all
      ["browser.html", ""],
    ]);
  });

  test("serve mode: https dev server on localhost:3000 with the office-addin-dev-certs certificates", async () => {
    const cfg = await factory({ WEBPACK_SERVE: true }, { mode: "development" });
    expect(cfg.devServer?.port).toBe(3000);
    expect(cfg.devServer?.host).toBe("localhost");
    expect(cfg.devServer?.server).toEqual({ type: "https", options: { key: "KEY", cert: "CERT", ca: "CA" } });
  });
});

describe("production build for an organisation's server (issue 9)", () => {
  const root = path.resolve(__dirname, "..", "..");
  const xml = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
  type Pattern = { from: string; to: string; transform?: (b: Buffer) => string };
  const manifestPattern = async (env: Record<string, unknown>): Promise<Pattern> => {
    const cfg = await factory(env, { mode: "production" });
    const copy = cfg.plugins.find((p) => "patterns" in p) as unknown as { patterns: Pattern[] };
    const p = copy.patterns.find((x) => x.from === "manifest.xml");
    if (!p) throw new Error("manifest.xml is not copied");
    return p;
  };

  test("--env url=https://host/path/ gives dist/web/manifest.xml with every URL there, valid for that address", async () => {
    const p = await manifestPattern({ url: "https://tools.example.co.jp/tics" });
    const out = p.transform?.(Buffer.from(xml)) ?? "";
    const urls = (out.match(/https?:\/\/[^"<\s]+/g) ?? []).filter((u) => !u.startsWith("http://schemas.microsoft.com/") && !u.startsWith("http://www.w3.org/"));
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith("https://tools.example.co.jp/tics/"))).toEqual([]);
    expect(manifestOrigin(out)).toBe("https://tools.example.co.jp/tics/");
    expect(validateManifest(out, { root, origin: "https://tools.example.co.jp/tics/" }).errors).toEqual([]);
    // the same manifest is refused for another address, and the dev manifest for this one
    expect(validateManifest(out, { root }).errors.length).toBeGreaterThan(0);
    expect(validateManifest(xml, { root, origin: "https://tools.example.co.jp/tics/" }).errors.length).toBeGreaterThan(0);
  });

  test("without --env url the copy stays on localhost; a non-https address is refused", async () => {
    const p = await manifestPattern({});
    expect(p.transform?.(Buffer.from(xml))).toBe(xml);
    await expect(factory({ url: "http://intranet/tics/" }, { mode: "production" })).rejects.toThrow(/https/);
  });
});
