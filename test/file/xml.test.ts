import { decodeEntities, escAttr, escText, findTags, parseAttrs, scanXml } from "../../src/file/xml";
import { findElement, setAttr } from "../../src/file/xml-edit";

describe("xml scanner", () => {
  it("decodes named and numeric entities, leaving unknown ones", () => {
    expect(decodeEntities("a &amp; b &lt;c&gt; &quot;&apos; &#9675; &#x25B3; &nbsp;")).toBe("a & b <c> \"' ○ △ &nbsp;");
  });

  it("escapes text and attributes and strips characters XML cannot carry", () => {
    expect(escText("a<b>&c\u0001")).toBe("a&lt;b&gt;&amp;c");
    expect(escAttr('say "hi"\n')).toBe("say &quot;hi&quot;&#10;");
  });

  it("reports prefixed tags by local name, CDATA as text, and skips comments and PIs", () => {
    const events: string[] = [];
    scanXml('<?xml version="1.0"?><!-- c --><x:a k="1 > 2" x:j=\'q\'><x:b/>t&amp;u<![CDATA[<raw>]]></x:a>', {
      open: (n, raw, sc) => events.push(`open ${n} ${sc} ${JSON.stringify(parseAttrs(raw))}`),
      close: (n) => events.push(`close ${n}`),
      text: (t) => events.push(`text ${t}`),
    });
    expect(events).toEqual([
      'open a false {"k":"1 > 2","x:j":"q"}',
      "open b true {}",
      "close b",
      "text t&u",
      "text <raw>",
      "close a",
    ]);
  });

  it("throws on a truncated tag", () => {
    expect(() => scanXml('<a b="1"', {})).toThrow(/unterminated/);
  });

  it("finds tags and element spans with their prefix and children", () => {
    expect(findTags('<r><x:c r="A1"/><c r="B2"></c></r>', "c").map((a) => a.r)).toEqual(["A1", "B2"]);
    const xml = '<x:root><x:fonts count="2"><x:font><x:b/></x:font><x:font/></x:fonts></x:root>';
    const el = findElement(xml, "fonts")!;
    expect(el.prefix).toBe("x:");
    expect(el.children.map((c) => xml.slice(c.start, c.end))).toEqual(["<x:font><x:b/></x:font>", "<x:font/>"]);
    expect(xml.slice(el.closeStart, el.end)).toBe("</x:fonts>");
    expect(setAttr('<x:fonts count="2">', "count", "3")).toBe('<x:fonts count="3">');
    expect(setAttr("<a>", "count", "1")).toBe('<a count="1">');
  });
});
