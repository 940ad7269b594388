import { radarGeometry, shortLabel } from "../../src/taskpane/radar";
import { langFromTag, s } from "../../src/taskpane/strings";

describe("radarGeometry", () => {
  const g = radarGeometry(
    [
      { label: "A", score: 100 },
      { label: "B", score: 50 },
      { label: "C", score: null },
      { label: "D", score: 250 },
    ],
    300,
  );
  test("first axis points up, then clockwise", () => {
    expect(g.axes[0].end).toEqual({ x: 150, y: 150 - g.radius });
    expect(g.axes[1].end).toEqual({ x: 150 + g.radius, y: 150 });
    expect(g.axes[0].anchor).toBe("middle");
    expect(g.axes[1].anchor).toBe("start");
    expect(g.axes[3].anchor).toBe("end");
  });
  test("values scale with the radius; null sits at the centre and is marked missing; >100 is clamped", () => {
    expect(g.axes[0].value).toEqual(g.axes[0].end);
    expect(g.axes[1].value).toEqual({ x: 150 + g.radius / 2, y: 150 });
    expect(g.axes[2].value).toEqual({ x: 150, y: 150 });
    expect(g.axes[2].missing).toBe(true);
    expect(g.axes[3].value).toEqual(g.axes[3].end);
    expect(g.rings.map((r) => r.level)).toEqual([20, 40, 60, 80, 100]);
    expect(g.shape.split(" ")).toHaveLength(4);
  });
});

describe("radar lines", () => {
  test("every axis scored: one closed polygon", () => {
    const g = radarGeometry([{ label: "A", score: 10 }, { label: "B", score: 20 }, { label: "C", score: 30 }]);
    expect(g.lines.closed).toBe(true);
    expect(g.lines.points).toHaveLength(1);
    expect(g.lines.points[0].split(" ")).toHaveLength(3);
  });
  test("a field without a score is a gap: open lines through the others, nothing at the centre", () => {
    const g = radarGeometry([{ label: "A", score: 100 }, { label: "B", score: 50 }, { label: "C", score: null }, { label: "D", score: 80 }], 300);
    expect(g.lines.closed).toBe(false);
    expect(g.lines.points).toEqual([[g.axes[3].value, g.axes[0].value, g.axes[1].value].map((p) => `${p.x},${p.y}`).join(" ")]);
    expect(g.lines.points.join(" ")).not.toContain(`${g.centre.x},${g.centre.y}`);
  });
});

describe("pane strings", () => {
  test("English only for en* tags; Japanese by default", () => {
    expect(langFromTag("en-US")).toBe("en");
    expect(langFromTag("EN")).toBe("en");
    expect(langFromTag("ja-JP")).toBe("ja");
    expect(langFromTag("de-DE")).toBe("ja");
    expect(langFromTag(undefined)).toBe("ja");
  });
  test("parameters are filled in", () => {
    expect(s("ja", "progressLabel", { answered: 3, total: 10 })).toBe("回答済み 3 / 10 項目");
    expect(s("en", "progressLabel", { answered: 3, total: 10 })).toBe("3 of 10 items answered");
  });
});

describe("shortLabel", () => {
  test("keeps short labels and cuts long ones, counting wide characters double", () => {
    expect(shortLabel("Rules")).toBe("Rules");
    expect(shortLabel("方針・体制")).toBe("方針・体制");
    expect(shortLabel("技術的対策（アクセス・端末・ネットワーク）")).toBe("技術的対策（アクセス…");
    expect(shortLabel("Technical controls (access, devices, network)")).toBe("Technical controls (…");
  });
});
