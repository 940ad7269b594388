import { cellText, fold, isBlank, nfkcSpaced } from "../../src/core/text";

describe("text", () => {
  test("fold removes width, case and every space incl. U+3000 and line breaks", () => {
    expect(fold("チェック\n欄")).toBe("チェック欄");
    expect(fold("チェック　欄")).toBe("チェック欄");
    expect(fold("ﾁｪｯｸ欄")).toBe("チェック欄");
    expect(fold(" Ｎｏ． ")).toBe("no.");
    expect(fold("内\r\n容")).toBe("内容");
  });
  test("nfkcSpaced keeps one space between words", () => {
    expect(nfkcSpaced("Ⅱ　人に関する項目")).toBe("II 人に関する項目");
  });
  test("cellText and isBlank", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(12)).toBe("12");
    expect(cellText(true)).toBe("true");
    expect(isBlank("　 \n")).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
  });
});

describe("fold fast path agrees with the general definition", () => {
  const reference = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  test.each([
    "情報セキュリティの方針を定めている。", "ＡＢＣ　ｄｅｆ", "Ⅻ章", "İstanbul", "ΣΑΣ", "Ж", "ｶﾞｲﾄﾞ", "か\u3099", "a\u00a0b", "x\u2003y",
    "〇△×ー", "（テスト）「括弧」", "tab\there", "ՀԱՅ", "Ⓐⓑ", "\ufeffBOM",
  ])("%p", (s) => {
    expect(fold(s)).toBe(reference(s));
  });
});

describe("fold's fast paths (text that is its own fold, and simple mappings) agree with NFKC on every character", () => {
  const reference = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  test("each UTF-16 code unit alone, and after a kana and a kanji", () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, "か" + ch, "情報" + ch + "（ ）"]) if (fold(s) !== reference(s)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });
  test("mixed texts with full-width brackets, spaces, upper case and combining marks", () => {
    const pool = ["情", "報", "か", "が", "\u3099", "ｶ", "ﾞ", "①", "㈱", "Ａ", "ａ", "A", " ", "\u3000", "\t", "（", "）", "・", "ー", "〇", "○", "△", "×", "\u00a0"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % pool.length;
    for (let n = 0; n < 20000; n++) {
      let s = "";
      for (let k = 0; k < 1 + (n % 10); k++) s += pool[next()];
      expect(fold(s)).toBe(reference(s));
    }
  });
});
