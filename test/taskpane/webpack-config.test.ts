import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const factory = require("../../webpack.config.js") as (env: Record<string, unknown>, argv: { mode: string }) => Promise<{
  output: { path: string; clean: unknown };
  entry: Record<string, string>;
  devServer?: unknown;
  plugins: { constructor: { name: string }; userOptions?: Record<string, unknown> }[];
}>;

describe("webpack config", () => {
  test("builds into dist/web only, cleaning only there, with both office.js pages and no dev server", async () => {
    const cfg = await factory({}, { mode: "production" });
    const root = path.resolve(__dirname, "..", "..");
    expect(cfg.output.path).toBe(path.join(root, "dist", "web"));
    expect(cfg.output.clean).toBe(true);
    expect(Object.keys(cfg.entry)).toEqual(["taskpane"]);
    expect(cfg.devServer).toBeUndefined();
    const pages = cfg.plugins
      .filter((p) => p.constructor.name === "HtmlWebpackPlugin")
      .map((p) => [p.userOptions?.filename, p.userOptions?.officeJs]);
    expect(pages).toEqual([
      ["taskpane.html", "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"],
      ["taskpane.local.html", "office-js/office.js"],
    ]);
  });
});
