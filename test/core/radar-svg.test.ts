import { escapeXml, radarSvg } from "../../src/core/radar-svg";

describe("radarSvg", () => {
  const fields = [
    { label: "方針・ルール", values: [80, 50] },
    { label: "技術的対策", values: [40, null] },
    { label: "人的対策", values: [100, 20] },
  ];

  it("is accessible: role=img with a title and a description of the values", () => {
    const svg = radarSvg(fields, ["今回", "前回"], { title: "分野別スコア" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/<title id="radar-title">分野別スコア<\/title>/);
    expect(svg).toContain("方針・ルール: 今回 80, 前回 50");
    expect(svg).toContain("技術的対策: 今回 40, 前回 -");
  });

  it("draws one polygon per series with one vertex per field", () => {
    const svg = radarSvg(fields, ["今回", "前回"], { title: "t" });
    const series = [...svg.matchAll(/<polygon class="series" data-series="([^"]*)" points="([^"]*)"/g)];
    expect(series.map((m) => m[1])).toEqual(["今回", "前回"]);
    for (const m of series) expect(m[2].trim().split(" ")).toHaveLength(3);
  });

  it("puts a 100 value on the outer ring and 0 at the centre", () => {
    const svg = radarSvg([{ label: "a", values: [100] }, { label: "b", values: [0] }, { label: "c", values: [0] }], ["s"], {
      title: "t",
      size: 400,
    });
    const pts = /<polygon class="series"[^>]*points="([^"]*)"/.exec(svg)![1].split(" ").map((p) => p.split(",").map(Number));
    // size 400: centre (200, 208), radius 120; first axis points straight up.
    expect(pts[0][0]).toBeCloseTo(200, 1);
    expect(pts[0][1]).toBeCloseTo(88, 1);
    expect(pts[1]).toEqual([200, 208]);
  });

  it("escapes labels and series names", () => {
    const svg = radarSvg([{ label: "<script>alert(1)</script>", values: [1] }], ['"x"&'], { title: "<b>" });
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("&quot;x&quot;&amp;");
  });

  it("handles no fields", () => {
    const svg = radarSvg([], ["今回"], { title: "空" });
    expect(svg).toContain("<title");
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("escapeXml covers the five characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
