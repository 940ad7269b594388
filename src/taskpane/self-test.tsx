/**
 * The hidden 「自己診断」 (self-test) page of the pane: runs src/excel/self-test.ts in the user's own Excel and shows
 * a pass/fail table with the platform, the Office build and the ExcelApi sets, plus the same as text to copy.
 * Reached with Ctrl+Alt+Shift+D in the pane (or taskpane.html?selftest); see README, "Self-test in real Excel".
 */
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { Button, FluentProvider, Textarea, type Theme } from "@fluentui/react-components";
import type { SelfTestEnv, SelfTestReport } from "../excel/self-test";
import type { Lang } from "./strings";

export type SelfTestRunner = (env: SelfTestEnv) => Promise<SelfTestReport>;

const T = {
  ja: {
    title: "自己診断",
    intro:
      "TICS Check が使う Excel の機能をすべて、一時シート「TicsCheck自己診断」の上で試します（終わるとシートは削除され、ブックの他の部分は変わりません）。結果の表を開発元に送ると、お使いの Excel との違いがわかります。",
    run: "自己診断を実行",
    running: "実行中…",
    back: "TICS Check に戻る",
    platform: "プラットフォーム",
    build: "ビルド",
    sets: "対応する ExcelApi",
    probes: "項目ごとの結果",
    members: "Excel の機能（メンバー）ごとの結果",
    copy: "結果（テキスト、コピーして送付できます）",
    summary: (ok: number, fail: number, skipped: number) => `成功 ${ok} / 失敗 ${fail} / 対象外 ${skipped}`,
    status: { ok: "OK", fail: "失敗", skipped: "対象外" },
    error: "自己診断を実行できませんでした: ",
  },
  en: {
    title: "Self-test",
    intro:
      "Tries every Excel feature TICS Check uses on a scratch sheet “TicsCheck自己診断” (deleted at the end; nothing else in the workbook changes). Send the table to the developers to show how your Excel differs.",
    run: "Run self-test",
    running: "Running…",
    back: "Back to TICS Check",
    platform: "Platform",
    build: "Build",
    sets: "ExcelApi sets supported",
    probes: "Results by probe",
    members: "Results by Excel member",
    copy: "Results as text (copy and send)",
    summary: (ok: number, fail: number, skipped: number) => `passed ${ok} / failed ${fail} / skipped ${skipped}`,
    status: { ok: "OK", fail: "FAILED", skipped: "skipped" },
    error: "The self-test could not run: ",
  },
};

export function SelfTestPage({ lang, run, env, text, onBack }: { lang: Lang; run: SelfTestRunner; env: SelfTestEnv; text: (r: SelfTestReport) => string; onBack: () => void }): JSX.Element {
  const t = T[lang];
  const [report, setReport] = useState<SelfTestReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setReport(await run(env));
    } catch (e) {
      setError(t.error + (e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  };
  const count = (s: string): number => report?.members.filter((m) => m.status === s).length ?? 0;
  return (
    <main style={{ padding: 12 }}>
      <h1 style={{ fontSize: 18 }}>{t.title}</h1>
      <p>{t.intro}</p>
      <Button appearance="primary" onClick={() => void start()} disabled={busy}>
        {busy ? t.running : t.run}
      </Button>{" "}
      <Button onClick={onBack}>{t.back}</Button>
      {error && <p role="alert">{error}</p>}
      {report && (
        <section data-testid="selftest-report">
          <p role="status">{t.summary(count("ok"), count("fail"), count("skipped"))}</p>
          <dl>
            <dt>{t.platform}</dt>
            <dd>{report.platform}</dd>
            <dt>{t.build}</dt>
            <dd>{report.build}</dd>
            <dt>{t.sets}</dt>
            <dd>{report.apiSets.filter((s) => s.supported).map((s) => s.version).join(" ")}</dd>
          </dl>
          <h2 style={{ fontSize: 15 }}>{t.probes}</h2>
          <table data-testid="selftest-probes">
            <tbody>
              {report.probes.map((p) => (
                <tr key={p.name} data-status={p.status}>
                  <td>{t.status[p.status]}</td>
                  <td>{p.name}</td>
                  <td style={{ fontSize: 11 }}>{p.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 style={{ fontSize: 15 }}>{t.members}</h2>
          <table data-testid="selftest-members">
            <tbody>
              {report.members.map((m) => (
                <tr key={m.member} data-member={m.member} data-status={m.status}>
                  <td>{t.status[m.status]}</td>
                  <td>{m.member}</td>
                  <td>ExcelApi {m.set}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <label>
            {t.copy}
            <Textarea readOnly value={text(report)} rows={8} style={{ width: "100%" }} />
          </label>
        </section>
      )}
    </main>
  );
}

/** The self-test page was asked for: taskpane.html?selftest. */
export function selfTestRequested(search: string = typeof location !== "undefined" ? location.search : ""): boolean {
  return new URLSearchParams(search).has("selftest");
}

/** Ctrl+Alt+Shift+D in the pane opens the self-test page (the pane reloads with ?selftest). */
export function listenForSelfTestKey(doc: Document = document, open: () => void = () => (location.search = "?selftest")): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey && e.altKey && e.shiftKey && e.key.toLowerCase() === "d") open();
  };
  doc.addEventListener("keydown", onKey);
  return () => doc.removeEventListener("keydown", onKey);
}

/** Mounts the self-test page inside Excel (the Excel code is loaded as its own chunk). */
export async function startSelfTest(lang: Lang, theme: Theme): Promise<void> {
  const el = document.getElementById("root");
  if (!el) return;
  const { runSelfTest, selfTestText } = await import(/* webpackChunkName: "self-test" */ "../excel/self-test");
  const diagnostics = (Office.context as { diagnostics?: { platform?: unknown; version?: string } }).diagnostics;
  const env: SelfTestEnv = { platform: String(diagnostics?.platform ?? "unknown"), build: diagnostics?.version ?? "unknown" };
  document.documentElement.lang = lang;
  createRoot(el).render(
    <FluentProvider theme={theme}>
      <SelfTestPage lang={lang} env={env} text={selfTestText} run={(e) => Excel.run((context) => runSelfTest(context, e))} onBack={() => (location.search = "")} />
    </FluentProvider>,
  );
}
