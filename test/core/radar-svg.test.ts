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

  it("draws a closed polygon for a series with every value, and a gap (not 0) where a value is missing, marked 「-」", () => {
    const svg = radarSvg(fields, ["今回", "前回"], { title: "t" });
    const closed = [...svg.matchAll(/<polygon class="series" data-series="([^"]*)" points="([^"]*)"/g)];
    expect(closed.map((m) => m[1])).toEqual(["今回"]);
    expect(closed[0][2].trim().split(" ")).toHaveLength(3);
    // 前回 has no value for 技術的対策 (the 2nd axis): one open line through the other two axes, no point at the centre
    const open = [...svg.matchAll(/<polyline class="series" data-series="([^"]*)" points="([^"]*)"/g)];
    expect(open.map((m) => m[1])).toEqual(["前回"]);
    expect(open[0][2].trim().split(" ")).toHaveLength(2);
    expect(svg.match(/<text class="gap"[^>]*>-<\/text>/g)).toBeNull(); // the first series is complete
    const gap = radarSvg([{ label: "a", values: [50] }, { label: "b", values: [null] }, { label: "c", values: [70] }], ["s"], { title: "t" });
    expect(gap).not.toContain('<polygon class="series"');
    expect(gap.match(/<text class="gap"[^>]*>-<\/text>/g)).toHaveLength(1);
    const centre = /<line x1="([\d.]+)" y1="([\d.]+)"/.exec(gap)!;
    const pts = /<polyline class="series"[^>]*points="([^"]*)"/.exec(gap)![1].split(" ");
    expect(pts).not.toContain(`${centre[1]},${centre[2]}`);
  });

  it("puts a 100 value on the outer ring and 0 at the centre", () => {
    const svg = radarSvg([{ label: "a", values: [100] }, { label: "b", values: [0] }, { label: "c", values: [50] }], ["s"], {
      title: "t",
    });
    const pts = (re: RegExp): number[][] => re.exec(svg)![1].split(" ").map((p) => p.split(",").map(Number));
    const series = pts(/<polygon class="series"[^>]*points="([^"]*)"/);
    const rings = [...svg.matchAll(/<polygon points="([^"]*)" fill="none"/g)].map((m) => m[1].split(" ").map((p) => p.split(",").map(Number)));
    expect(rings).toHaveLength(5);
    const outer = rings[4];
    const axis = /<line x1="([\d.]+)" y1="([\d.]+)"/.exec(svg)!;
    const centre = [Number(axis[1]), Number(axis[2])];
    expect(series[0]).toEqual(outer[0]);
    expect(series[1]).toEqual(centre);
    // 50 lies halfway between the centre and the outer ring on the third axis.
    expect(series[2][0]).toBeCloseTo((centre[0] + outer[2][0]) / 2, 0);
    expect(series[2][1]).toBeCloseTo((centre[1] + outer[2][1]) / 2, 0);
    // The first axis points straight up.
    expect(outer[0][0]).toBeCloseTo(centre[0], 1);
    expect(outer[0][1]).toBeLessThan(centre[1]);
  });

  it("keeps every label inside the drawing: long names wrap onto two lines, the full name in a tooltip", () => {
    const labels = ["技術的対策（アクセス・端末・ネットワーク）", "検知・事故対応", "取引先・外部サービス", "方針・体制", "事業継続", "人的対策・教育"];
    const svg = radarSvg(labels.map((label) => ({ label, values: [50] })), ["今回"], { title: "t" });
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const found = [...svg.matchAll(/<text text-anchor="(\w+)" font-size="12"><title>([^<]*)<\/title>((?:<tspan[^>]*>[^<]*<\/tspan>)+)<\/text>/g)];
    expect(found.map((m) => m[2])).toEqual(labels);
    for (const m of found) {
      const spans = [...m[3].matchAll(/<tspan x="([\d.]+)" y="[\d.]+">([^<]*)<\/tspan>/g)];
      expect(spans.length).toBeLessThanOrEqual(2);
      expect(spans.map((s) => s[2]).join("")).toBe(m[2]); // nothing cut for these names
      for (const s of spans) {
        const x = Number(s[1]);
        const w = [...s[2]].length * 12;
        const left = m[1] === "start" ? x : m[1] === "end" ? x - w : x - w / 2;
        expect(left).toBeGreaterThanOrEqual(0);
        expect(left + w).toBeLessThanOrEqual(width);
      }
    }
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
