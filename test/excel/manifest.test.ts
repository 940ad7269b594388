import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseXml, pngSize, validateManifest, XmlError } from "../../scripts/validate-manifest";
import { MIN_EXCEL_API } from "../../src/excel/api-sets";

const ROOT = resolve(__dirname, "..", "..");
const XML = readFileSync(join(ROOT, "manifest.xml"), "utf8");

function check(xml: string, root = ROOT): string[] {
  return validateManifest(xml, { root }).errors;
}

describe("manifest.xml", () => {
  test("passes the offline check with the gateway's minimum ExcelApi set", () => {
    const r = validateManifest(XML, { root: ROOT });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.minExcelApi).toBe(MIN_EXCEL_API);
  });

  test("icons under assets/ have the sizes their names say", () => {
    for (const s of [16, 32, 64, 80, 128]) {
      expect(pngSize(readFileSync(join(ROOT, "assets", `icon-${s}.png`)))).toEqual({ width: s, height: s });
    }
  });

  test("has no external domains and points at the local task pane", () => {
    expect(XML).not.toMatch(/<AppDomain>/);
    expect(XML).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
    const urls = XML.match(/https?:\/\/[^"<\s]+/g) ?? [];
    const external = urls.filter((u) => !u.startsWith("https://localhost:3000/") && !u.startsWith("http://schemas.microsoft.com/") && !u.startsWith("http://www.w3.org/"));
    expect(external).toEqual([]);
  });
});

describe("the validator fails on broken copies", () => {
  const broken: [string, (x: string) => string, RegExp][] = [
    ["not well-formed", (x) => x.replace("</Hosts>", ""), /well-formed/],
    ["Id not a GUID", (x) => x.replace(/<Id>[^<]+<\/Id>/, "<Id>tics-check</Id>"), /not a GUID/],
    ["bad version", (x) => x.replace(/<Version>[^<]+<\/Version>/, "<Version>v1</Version>"), /Version/],
    ["elements out of schema order", (x) => x.replace(/(<Permissions>[^<]+<\/Permissions>)\s*/, "").replace("<Hosts>\n    <Host Name", "<Permissions>ReadWriteDocument</Permissions>\n  <Hosts>\n    <Host Name"), /out of schema order/],
    ["http URL", (x) => x.replace('<IconUrl DefaultValue="https://', '<IconUrl DefaultValue="http://'), /https/],
    ["missing icon file", (x) => x.replace("assets/icon-80.png", "assets/icon-81.png"), /does not exist/],
    ["icon of the wrong size", (x) => x.replace('bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"', 'bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"'), /expected 16×16/],
    ["undefined resid", (x) => x.replace('<Label resid="Button.Label"/>', '<Label resid="Button.Nope"/>'), /not defined/],
    ["resid of the wrong kind", (x) => x.replace('<Label resid="Group.Label"/>', '<Label resid="Button.Tooltip"/>'), /must be one of ShortStrings/],
    ["no ja-JP override", (x) => x.replace(/<Override Locale="ja-JP" Value="TICS Check 自己チェック診断"\/>/, ""), /DisplayName> has no ja-JP/],
    ["string without ja-JP", (x) => x.replace('<bt:Override Locale="ja-JP" Value="自己チェック診断"/>', ""), /Button.Label" has no ja-JP/],
    ["no ExcelApi requirement", (x) => x.replace(/<Set Name="ExcelApi"[^>]*\/>/, '<Set Name="DialogApi" MinVersion="1.1"/>'), /ExcelApi/],
    ["minimum differs from the gateway's", (x) => x.replace(`MinVersion="${MIN_EXCEL_API}"`, 'MinVersion="1.3"'), /differs from MIN_EXCEL_API/],
    ["ReadDocument only", (x) => x.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadDocument</Permissions>"), /ReadWriteDocument/],
    ["external AppDomain", (x) => x.replace("<Hosts>\n    <Host Name", "<AppDomains><AppDomain>https://example.com</AppDomain></AppDomains>\n  <Hosts>\n    <Host Name"), /external AppDomain/],
    ["no Home-tab button", (x) => x.replace('<OfficeTab id="TabHome">', '<OfficeTab id="TabData">'), /TabHome/],
    ["no Workbook host", (x) => x.replace('<Host Name="Workbook"/>', '<Host Name="Document"/>'), /Workbook/],
  ];
  test.each(broken)("%s", (_name, breakIt, expected) => {
    const bad = breakIt(XML);
    expect(bad).not.toBe(XML);
    const errors = check(bad);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toMatch(expected);
  });

  test("a PNG whose header lies about its size is caught", () => {
    const dir = mkdtempSync(join(tmpdir(), "tics-manifest-"));
    mkdirSync(join(dir, "assets"));
    for (const s of [16, 32, 64, 80, 128]) copyFileSync(join(ROOT, "assets", `icon-${s}.png`), join(dir, "assets", `icon-${s}.png`));
    expect(check(XML, dir)).toEqual([]);
    writeFileSync(join(dir, "assets", "icon-80.png"), readFileSync(join(ROOT, "assets", "icon-64.png")));
    expect(check(XML, dir).join("\n")).toMatch(/icon-80.png is 64×64, expected 80×80/);
    writeFileSync(join(dir, "assets", "icon-80.png"), "not a png");
    expect(check(XML, dir).join("\n")).toMatch(/not a PNG/);
  });
});

describe("the XML parser", () => {
  test("parses elements, attributes, entities and comments", () => {
    const n = parseXml('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2"><b>t&lt;</b><c/></a>');
    expect(n.name).toBe("a");
    expect(n.attrs.x).toBe("1 & 2");
    expect(n.children.map((c) => c.name)).toEqual(["b", "c"]);
    expect(n.children[0].text).toBe("t<");
  });
  test.each([
    ["<a><b></a>", /does not match/],
    ["<a x='1' x='2'/>", /duplicate attribute/],
    ["<a>&nbsp;</a>", /unknown entity/],
    ["<a/><b/>", /more than one root/],
    ["<a>", /not closed/],
    ["<a x=1/>", /bad attribute/],
  ])("rejects %s", (xml, msg) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(msg);
  });
});
