/**
 * @jest-environment jsdom
 *
 * Every XML part of annotated workbooks parses with a strict, namespace-aware XML parser (jsdom's DOMParser
 * reports <parsererror> on a tag mismatch, duplicate attribute, unbound prefix, unknown entity or forbidden
 * character): the parts the annotator writes, the ones it edits, and those it passes through.
 */
import { strFromU8, unzipSync } from "fflate";
import type { Report } from "../../src/core/model";
import { annotateWorkbook } from "../../src/file/annotate";
import { fixture, fixtureReport } from "./helpers";

const NOW = new Date(2026, 0, 2, 3, 4);

function expectWellFormed(bytes: Uint8Array): number {
  const files = unzipSync(bytes);
  let n = 0;
  for (const [name, b] of Object.entries(files)) {
    if (!/\.(xml|rels)$/i.test(name)) continue; // VML is not XML as Excel writes it
    const doc = new DOMParser().parseFromString(strFromU8(b), "application/xml");
    const err = doc.getElementsByTagName("parsererror")[0];
    expect({ part: name, error: err ? err.textContent : null }).toEqual({ part: name, error: null });
    n++;
  }
  return n;
}

/** A report whose texts carry everything XML escaping must handle. */
function nastyReport(): Report {
  const r = fixtureReport({ "ルール<&>\"'": 50 });
  r.company = 'A&B <株> "x" \u0001';
  r.items = r.items.map((i, k) => (k === 0 ? { ...i, text: "=SUM(A1)<&>\u0008\"'", fields: ["ルール<&>\"'"] } : i));
  r.fields = [{ ...r.fields[0], name: "ルール<&>\"'", nameEn: "Rules <&>" }, ...r.fields.slice(1)];
  r.plan = r.plan.map((p) => ({ ...p, text: "]]> <![CDATA[ & \u000b", hint: { ja: "<b>&amp;</b>", en: "<b>&amp;</b>" } }));
  return r;
}

describe("annotated workbooks are well-formed XML", () => {
  const cases: [string, Uint8Array, Report, boolean][] = [
    ["openpyxl", fixture("openpyxl-checklist.xlsx"), fixtureReport(), true],
    ["LibreOffice", fixture("libreoffice-checklist.xlsx"), fixtureReport(), true],
    ["LibreOffice re-saved annotation", fixture("libreoffice-annotated.xlsx"), fixtureReport(), false],
    ["name clash", fixture("openpyxl-clash.xlsx"), fixtureReport(), false],
    ["texts that need escaping", fixture("openpyxl-checklist.xlsx"), nastyReport(), true],
  ];
  for (const [label, input, report, fix] of cases) {
    it(label, () => {
      const first = annotateWorkbook(input, report, { fix, lang: "ja", now: NOW });
      expect(expectWellFormed(first.bytes)).toBeGreaterThan(10);
      const again = annotateWorkbook(first.bytes, report, { fix, lang: "en", now: NOW });
      expectWellFormed(again.bytes);
    });
  }
});
