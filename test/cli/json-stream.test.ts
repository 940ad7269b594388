import { writeJsonStream } from "../../src/cli/json-stream";

async function streamed(v: unknown): Promise<{ text: string; writes: number }> {
  let text = "";
  let writes = 0;
  await writeJsonStream(v, (s) => {
    text += s;
    writes++;
  });
  return { text, writes };
}

describe("writeJsonStream", () => {
  it("writes exactly JSON.stringify(value, null, 2)", async () => {
    const samples: unknown[] = [
      { a: 1, b: [1, { c: "x\ny", d: [] }], e: {}, f: undefined, g: null, h: [undefined, () => 1] },
      [{ file: "a", items: [{ id: 1, t: "テキスト" }], topics: { x: { hint: { ja: "あ", en: "a" } } } }, { file: "b", error: "e" }],
      // a batch: reports in an array, each with long arrays (split) of small objects (written whole)
      [{ file: "a", items: Array.from({ length: 70 }, (_, i) => ({ id: i, f: [`x${i}`], d: new Date(0), u: undefined })), plan: [] }, null],
      { deep: { deeper: { list: Array.from({ length: 100 }, (_, i) => (i % 7 ? { n: i, s: "a\nb" } : undefined)) } } },
      [],
      {},
      "s",
      3,
    ];
    for (const v of samples) expect((await streamed(v)).text).toBe(JSON.stringify(v, null, 2) + "\n");
  });

  it("splits a large document into slices instead of one string", async () => {
    const items = Array.from({ length: 20000 }, (_, i) => ({ id: `I-${i}`, text: "x".repeat(100), n: i }));
    const v = { items, other: [1, 2] };
    const { text, writes } = await streamed(v);
    expect(text).toBe(JSON.stringify(v, null, 2) + "\n");
    expect(writes).toBeGreaterThan(1);
  });

  it("writes the same text as UTF-8 bytes when given a byte writer (pieces larger than a slice included)", async () => {
    const big = "長い文字列".repeat(300000);
    const samples: unknown[] = [
      { items: Array.from({ length: 5000 }, (_, i) => ({ id: `I-${i}`, text: `項目 ${i} の内容 🙂`, n: i })), big, after: [1] },
      [{ file: "a", error: "読めません" }, { file: "b", items: [] }],
      "s",
    ];
    for (const v of samples) {
      const chunks: Uint8Array[] = [];
      let strings = 0;
      await writeJsonStream(v, () => strings++, undefined, (b) => chunks.push(b));
      expect(strings).toBe(0);
      expect(Buffer.concat(chunks).toString("utf8")).toBe(JSON.stringify(v, null, 2) + "\n");
    }
  });
});
