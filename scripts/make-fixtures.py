#!/usr/bin/env python3
"""Writes the .xlsx fixtures for test/file with a program other than ours (openpyxl), so the annotator is tested
on packages it did not write itself. Run with Debian's python3-openpyxl:

    /usr/bin/python3 scripts/make-fixtures.py

The workbook content is invented for tests, in our own words; it is NOT METI's official checklist.
The output is checked in (test/fixtures/), so CI does not need python.
"""
import io
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

from openpyxl import Workbook
from openpyxl.chart import BarChart, RadarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures")


def png_bytes(w=8, h=8):
    """A tiny red PNG built by hand (no PIL drawing needed)."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * w for _ in range(h))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# (section, number, text, answer, field)
ITEMS = [
    ("I 共通項目", None, None, None, None),
    (None, 1, "（テスト用の文）情報管理の方針を定めている", "○", "ルール作り"),
    (None, 2, "（テスト用の文）守るべき情報を特定している", "〇", "ルール作り"),  # look-alike: U+3007
    (None, 3, "=（テスト用の文）数式に見える項目文", "△", "ルールの実践"),  # formula-looking text
    (None, 4, "+（テスト用の文）責任者を決めている", "x", "人的対策"),  # look-alike for ×
    ("II 個別項目", None, None, None, None),
    (None, 1, "（テスト用の文）取引先から預かった情報を管理している", "-", "ルールの実践"),
    (None, 2, "（テスト用の文）入退室を管理している", "×", "設備的対策"),
    (None, 3, "@（テスト用の文）アカウントを管理している", None, "サイバー対策"),  # blank
    (None, 4, "-（テスト用の文）ログを確認している", "ー", "サイバー対策"),  # look-alike for -
    (None, 5, "（テスト用の文）事故の連絡体制がある", "○", "漏えいを起こさない"),
]


def build(offset=0):
    """The checklist workbook; `offset` extra rows above the table move every item row down."""
    wb = Workbook()
    cover = wb.active
    cover.title = "表紙"
    cover["A1"] = "技術情報管理 自己チェック（テスト用の架空のブック。公式の文書ではありません）"
    cover["A1"].font = Font(bold=True, size=14)
    cover.merge_cells("A1:F1")
    cover["A3"] = "会社名"
    cover["B3"] = "テスト工業株式会社"
    cover["A4"] = "記入日"
    cover["B4"] = 45600  # a date serial
    cover["B4"].number_format = "yyyy/mm/dd"
    cover["A3"].comment = Comment("テスト用のコメント", "fixture")

    lists = wb.create_sheet("リスト")
    for i, v in enumerate(["○", "△", "×", "-"], start=1):
        lists.cell(row=i, column=1, value=v)
    lists.sheet_state = "hidden"

    ws = wb.create_sheet("チェックリスト")
    ws["A1"] = "自己チェックリスト（テスト用）"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:E1")
    ws["A2"] = "回答は ○ △ × - から選んでください"
    header = ["No.", "内容", "チェック欄", "分野", "内部メモ"]
    for i in range(offset):
        ws.cell(row=3 + i, column=1, value=f"（テスト用の注記 {i + 1}）")
    for c, h in enumerate(header, start=1):
        cell = ws.cell(row=4 + offset, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEEFF")
    r = 5 + offset
    answer_rows = []
    for section, num, text, ans, field in ITEMS:
        if section:
            ws.cell(row=r, column=1, value=section)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        else:
            ws.cell(row=r, column=1, value=num)
            t = ws.cell(row=r, column=2, value=text)
            t.data_type = "s"  # keep formula-looking text as text
            t.alignment = Alignment(wrap_text=True)
            a = ws.cell(row=r, column=3, value=ans)
            a.alignment = Alignment(horizontal="center")
            a.fill = PatternFill("solid", fgColor="FFFFCC")
            ws.cell(row=r, column=4, value=field)
            ws.cell(row=r, column=5, value="内部用")
            answer_rows.append(r)
        r += 1
    last = r - 1
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["E"].hidden = True

    # Validations: literal list with 「-」 on section II, literal without it on I, a range reference to the
    # hidden list sheet on one cell, and a defined name on another.
    o = offset
    dv1 = DataValidation(type="list", formula1='"○,△,×"', allow_blank=True)
    dv1.add(f"C{6 + o}:C{9 + o}")
    dv2 = DataValidation(type="list", formula1='"○,△,×,-"', allow_blank=True)
    dv2.add(f"C{11 + o}:C{13 + o}")
    dv3 = DataValidation(type="list", formula1="'リスト'!$A$1:$A$4", allow_blank=True)
    dv3.add(f"C{14 + o}")
    dv4 = DataValidation(type="list", formula1="回答リスト", allow_blank=True)
    dv4.add(f"C{15 + o}")
    for dv in (dv1, dv2, dv3, dv4):
        ws.add_data_validation(dv)
    wb.defined_names.append(DefinedName("回答リスト", attr_text="'リスト'!$A$1:$A$4"))

    # Formulas and a bar chart of the counts.
    ws["G4"] = "回答"
    ws["H4"] = "件数"
    for i, v in enumerate(["○", "△", "×", "-"], start=5):
        ws.cell(row=i, column=7, value=v)
        ws.cell(row=i, column=8, value=f'=COUNTIF($C${5 + offset}:$C${last},G{i})')
    chart = BarChart()
    chart.title = "回答の件数"
    chart.add_data(Reference(ws, min_col=8, min_row=4, max_row=8), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=7, min_row=5, max_row=8))
    ws.add_chart(chart, "J4")

    img = Image(io.BytesIO(png_bytes()))
    ws.add_image(img, "J22")

    ws.freeze_panes = "A5"
    ws.print_area = f"A1:E{last}"
    return wb


# What a user typed into the 「証跡・根拠」 sheet (item id -> evidence, reason, checker, date serial, memo, 保管棚).
EVIDENCE = {
    "I-1": ("情報管理規程 第3版（共有フォルダ/規程）", None, "山田", 46300, "年1回見直し", "棚A"),
    "II-1": (None, "取引先から預かる情報がないため", "佐藤", 46301, None, None),
    "II-5": ("事故連絡網（総務部掲示）", None, None, None, "=連絡網は掲示板にも", "棚B"),
}


def build_evidence(offset=0):
    """The checklist plus a 「証跡・根拠」 sheet typed in by a user (one extra column of their own)."""
    wb = build(offset)
    ev = wb.create_sheet("証跡・根拠")
    header = ["項目ID", "区分", "No.", "項目", "回答", "証跡（文書名・保管場所）", "該当しない理由", "確認者", "確認日", "メモ", "保管棚"]
    for c, h in enumerate(header, start=1):
        ev.cell(row=1, column=c, value=h).font = Font(bold=True)
    r = 2
    section = ""
    for sec, num, text, ans, _field in ITEMS:
        if sec:
            section = sec
            continue
        key = "I" if section.startswith("I ") else "II"
        item_id = f"{key}-{num}"
        ev.cell(row=r, column=1, value=item_id)
        ev.cell(row=r, column=2, value=section)
        ev.cell(row=r, column=3, value=str(num))
        t = ev.cell(row=r, column=4, value=text)
        t.data_type = "s"
        ev.cell(row=r, column=5, value=ans)
        for c, v in enumerate(EVIDENCE.get(item_id, ()), start=6):
            if v is None:
                continue
            cell = ev.cell(row=r, column=c, value=v)
            if isinstance(v, str):
                cell.data_type = "s"
            elif c == 9:
                cell.number_format = "yyyy/mm/dd"
        r += 1
    return wb


def build_clash():
    """A user workbook that already has a sheet named 「診断結果」 that is not ours."""
    wb = build()
    own = wb.create_sheet("診断結果")
    own["A1"] = "自社で作った診断結果のメモ（TICS Check のものではない）"
    return wb


def save_evidence_fixtures():
    """Evidence round-trip fixtures: typed in by openpyxl, with the checklist rows moved, and re-saved by LibreOffice."""
    build_evidence().save(os.path.join(OUT, "openpyxl-evidence.xlsx"))
    build_evidence(offset=3).save(os.path.join(OUT, "openpyxl-evidence-moved.xlsx"))
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", tmp,
                            os.path.join(OUT, "openpyxl-evidence-moved.xlsx")], check=True, capture_output=True)
            shutil.copy(os.path.join(tmp, "openpyxl-evidence-moved.xlsx"), os.path.join(OUT, "libreoffice-evidence-moved.xlsx"))
# ---------------------------------------------------------------------------------------------------------------
# Workbooks that carry their own field structure and compute their own per-field results (issue: follow the
# workbook's own fields and results). Item texts are written for these tests in our own words; the field names are
# the fictional workbook's own. Each is saved by openpyxl (formulas without cached values) and re-saved by
# LibreOffice (which recalculates and caches every formula value): *-lo.xlsx.

WB_FIELDS = ["ルール作り", "ルールの実践", "人の管理", "設備の管理", "サイバー対策", "取引先との約束", "事故への備え", "見直しと改善"]
WB_CODES = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧"]

# (section, text, field indexes, answer)
WB_ITEMS = [
    ("I 共通項目", None, None, None),
    (None, "秘密として守る情報の範囲を文書にまとめている", [0], "○"),
    (None, "情報管理の責任者とその役割を社内に知らせている", [0, 1], "△"),
    (None, "決めた手順どおりに情報が扱われているか定期的に確かめている", [1], "×"),
    (None, "持ち出しの記録を残し、上長がその記録に目を通している", [1], "○"),
    ("II 人と場所に関する項目", None, None, None),
    (None, "新しく加わった人に情報の扱い方を説明している", [2], "○"),
    (None, "退職する人から秘密を守る約束の書面を受け取っている", [2], "△"),
    (None, "作業場所への出入りを鍵やカードで制限している", [3], "△"),
    (None, "紙の資料や記録媒体を鍵のかかる場所にしまっている", [3], "×"),
    ("III 技術と取引先に関する項目", None, None, None),
    (None, "パソコンに個人ごとのパスワードと画面ロックを設定している", [4], "○"),
    (None, "ソフトウェアの更新を決まった間隔で当てている", [4], "△"),
    (None, "図面を外部に渡す場合は受け取る側と秘密保持の約束を交わしている", [5], "○"),
    (None, "業務を委託する際は預ける情報の扱い方を契約で取り決めている", [5], "-"),
    (None, "情報が漏れたと気づいたときの連絡先を決めてある", [6], "○"),
    (None, "不審な通信を見つけたら記録して報告する流れがある", [6], "×"),
    (None, "年に一度、取り組みを振り返って手順を直している", [7], None),
    (None, "点検の結果を次の年度の計画に反映している", [7], "○"),
]
POINTS = 'IF({a}="○",1,IF({a}="△",{half},IF({a}="×",0,"")))'


def wb_checklist(wb, extra_headers=(), title="自己チェック（テスト用の架空のブック）"):
    """Writes the checklist sheet: A No., B 内容, C チェック欄, then extra columns from D. Returns (ws, item rows)."""
    ws = wb.active
    ws.title = "チェックリスト"
    ws["A1"] = title + "。公式の文書ではありません。"
    for c, h in enumerate(["No.", "内容", "チェック欄", *extra_headers], start=1):
        ws.cell(row=3, column=c, value=h).font = Font(bold=True)
    r, n, rows = 4, 0, []
    for section, text, fields, ans in WB_ITEMS:
        if section:
            ws.cell(row=r, column=1, value=section)
        else:
            n += 1
            ws.cell(row=r, column=1, value=n)
            ws.cell(row=r, column=2, value=text)
            ws.cell(row=r, column=3, value=ans)
            rows.append((r, fields))
        r += 1
    ws.column_dimensions["B"].width = 56
    dv = DataValidation(type="list", formula1='"○,△,×,-"', allow_blank=True)
    dv.add(f"C{rows[0][0]}:C{rows[-1][0]}")
    ws.add_data_validation(dv)
    return ws, rows


def radar(sheet, cats, vals, title, anchor):
    chart = RadarChart()
    chart.title = title
    chart.add_data(vals, titles_from_data=True)
    chart.set_categories(cats)
    sheet.add_chart(chart, anchor)


def build_wb_column():
    """An explicit 分野 column (D) naming ルール作り and ルールの実践 separately (one item carries both), a hidden points
    column (E), and a 集計 sheet with AVERAGEIF over the 分野 column (wildcards), drawn as a radar chart."""
    wb = Workbook()
    ws, rows = wb_checklist(wb, ["分野", "点数"])
    for r, fields in rows:
        ws.cell(row=r, column=4, value="、".join(WB_FIELDS[i] for i in fields))
        ws.cell(row=r, column=5, value="=" + POINTS.format(a=f"C{r}", half="0.5"))
    ws.column_dimensions["E"].hidden = True
    top, bottom = rows[0][0], rows[-1][0]
    res = wb.create_sheet("集計")
    res["A1"], res["B1"] = "分野", "達成度"
    for i, name in enumerate(WB_FIELDS, start=2):
        res.cell(row=i, column=1, value=name)
        res.cell(row=i, column=2, value=f'=IFERROR(AVERAGEIF(チェックリスト!$D${top}:$D${bottom},"*"&A{i}&"*",'
                                         f'チェックリスト!$E${top}:$E${bottom})*100,0)')
    radar(res, Reference(res, min_col=1, min_row=2, max_row=9), Reference(res, min_col=2, min_row=1, max_row=9), "分野別の達成度", "D2")
    return wb


def build_wb_matrix():
    """One column per field (D:K), headed by the field name and marked ● in the item's rows; a hidden points column
    (L); a 集計 sheet with SUMIF / COUNTIFS over each mark column (no chart)."""
    wb = Workbook()
    ws, rows = wb_checklist(wb, [*WB_FIELDS, "点数"])
    for r, fields in rows:
        for i in fields:
            ws.cell(row=r, column=4 + i, value="●")
        ws.cell(row=r, column=12, value="=" + POINTS.format(a=f"C{r}", half="0.5"))
    ws.column_dimensions["L"].hidden = True
    top, bottom = rows[0][0], rows[-1][0]
    res = wb.create_sheet("集計")
    res["A1"], res["B1"] = "分野", "点数（100点満点）"
    for i, name in enumerate(WB_FIELDS):
        col = get_column_letter(4 + i)
        res.cell(row=i + 2, column=1, value=name)
        mark = f"チェックリスト!{col}${top}:{col}${bottom}"
        pts = f"チェックリスト!$L${top}:$L${bottom}"
        res.cell(row=i + 2, column=2, value=f'=IFERROR(SUMIF({mark},"●",{pts})/COUNTIFS({mark},"●",{pts},">=0")*100,0)')
    return wb


def build_wb_countifs(half="0.5"):
    """A hidden field-code column (D, ①…⑧) and a 結果 sheet computing each field with COUNTIFS through two defined
    names (回答欄, 分野コード), drawn as a radar chart."""
    wb = Workbook()
    ws, rows = wb_checklist(wb, ["コード"])
    for r, fields in rows:
        ws.cell(row=r, column=4, value=WB_CODES[fields[-1]])
    ws.column_dimensions["D"].hidden = True
    top, bottom = rows[0][0], rows[-1][0]
    wb.defined_names.append(DefinedName("回答欄", attr_text=f"チェックリスト!$C${top}:$C${bottom}"))
    wb.defined_names.append(DefinedName("分野コード", attr_text=f"チェックリスト!$D${top}:$D${bottom}"))
    res = wb.create_sheet("結果")
    res["A1"], res["B1"], res["C1"] = "分野", "コード", "スコア"
    for i, name in enumerate(WB_FIELDS, start=2):
        res.cell(row=i, column=1, value=name)
        res.cell(row=i, column=2, value=WB_CODES[i - 2])
        c = lambda a: f'COUNTIFS(分野コード,$B{i},回答欄,"{a}")'  # noqa: E731
        res.cell(row=i, column=3, value=f'=IFERROR(({c("○")}+{c("△")}*{half})/({c("○")}+{c("△")}+{c("×")})*100,"")')
    radar(res, Reference(res, min_col=1, min_row=2, max_row=9), Reference(res, min_col=3, min_row=1, max_row=9), "分野別スコア", "E2")
    return wb


def build_wb_helper():
    """Per-row helper cells (E: points) averaged in cell lists, with the results block beside the checklist (G:H):
    field names in G, =AVERAGE(E5,E6)*100-style formulas in H (one field as SUM/COUNT)."""
    wb = Workbook()
    ws, rows = wb_checklist(wb, ["備考", "点数"])
    for r, _ in rows:
        ws.cell(row=r, column=5, value="=" + POINTS.format(a=f"C{r}", half="0.5"))
    ws["G3"], ws["H3"] = "分野", "得点率"
    for i, name in enumerate(WB_FIELDS):
        cells = [f"E{r}" for r, fields in rows if i in fields]
        ws.cell(row=4 + i, column=7, value=name)
        if i == 3:
            f = f"=SUM({','.join(cells)})/COUNT({','.join(cells)})*100"
        else:
            f = f"=AVERAGE({','.join(cells)})*100"
        ws.cell(row=4 + i, column=8, value=f)
    return wb


def build_wb_weights():
    """Other weights: △ counts 0.3 and the score uses SUMPRODUCT over a parallel code column on the same sheet."""
    wb = Workbook()
    ws, rows = wb_checklist(wb, ["コード"])
    for r, fields in rows:
        ws.cell(row=r, column=4, value=WB_CODES[fields[-1]])
    top, bottom = rows[0][0], rows[-1][0]
    codes, ans = f"$D${top}:$D${bottom}", f"$C${top}:$C${bottom}"
    ws["G3"], ws["H3"], ws["I3"] = "コード", "分野", "評価"
    for i, name in enumerate(WB_FIELDS):
        r = 4 + i
        ws.cell(row=r, column=7, value=WB_CODES[i])
        ws.cell(row=r, column=8, value=name)
        ws.cell(row=r, column=9, value=f'=IFERROR(SUMPRODUCT(({codes}=G{r})*(({ans}="○")+({ans}="△")*0.3))'
                                       f'/SUMPRODUCT(({codes}=G{r})*(({ans}="○")+({ans}="△")+({ans}="×")))*100,0)')
    return wb


def lo_convert(src, dst):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", tmp, src], check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, os.path.basename(src)), dst)


def make_stale(src, dst, cell, new_answer):
    """Copies a LibreOffice-saved workbook changing one answer cell's shared-string index to `new_answer`, leaving every
    cached formula value as it was: the cached results are stale (as after an edit by a tool that does not recalculate)."""
    import re
    import zipfile
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sst = parts["xl/sharedStrings.xml"].decode("utf-8")
    strings = [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", sst, re.S)]
    idx = strings.index(new_answer)
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode("utf-8")
    xml, n = re.subn(r'(<c r="%s"[^>]*t="s"[^>]*><v>)\d+(</v>)' % cell, r"\g<1>%d\g<2>" % idx, xml)
    assert n == 1, "answer cell not found"
    parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n_, data in parts.items():
            z.writestr(n_, data)


def build_workbook_fixtures():
    made = {
        "wbfields-column": build_wb_column(),
        "wbfields-matrix": build_wb_matrix(),
        "wbresults-countifs": build_wb_countifs(),
        "wbresults-helper": build_wb_helper(),
        "wbresults-weights": build_wb_weights(),
    }
    for name, wb in made.items():
        wb.save(os.path.join(OUT, name + ".xlsx"))
    if shutil.which("soffice"):
        for name in made:
            lo_convert(os.path.join(OUT, name + ".xlsx"), os.path.join(OUT, name + "-lo.xlsx"))
        # C6 (item 2, △, code ②) becomes ○ without recalculation: the cached 「ルールの実践」 result is stale.
        make_stale(os.path.join(OUT, "wbresults-countifs-lo.xlsx"), os.path.join(OUT, "wbresults-stale-lo.xlsx"), "C6", "○")


if __name__ == "__main__":
    import sys
    os.makedirs(OUT, exist_ok=True)
    save_evidence_fixtures()
    if "--evidence-only" in sys.argv:
        print("wrote evidence fixtures to", os.path.normpath(OUT))
        sys.exit(0)
    build().save(os.path.join(OUT, "openpyxl-checklist.xlsx"))
    build_clash().save(os.path.join(OUT, "openpyxl-clash.xlsx"))
    # A variant re-saved by LibreOffice (shared strings, its own styles/chart XML), when soffice is installed.
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", tmp,
                            os.path.join(OUT, "openpyxl-checklist.xlsx")], check=True, capture_output=True)
            shutil.copy(os.path.join(tmp, "openpyxl-checklist.xlsx"), os.path.join(OUT, "libreoffice-checklist.xlsx"))
            # Our own annotated output, re-saved by LibreOffice: the annotator must recognise its sheets again.
            annotated = os.path.join(tmp, "annotated.xlsx")
            code = (
                "const { annotateWorkbook } = require('./src/file/annotate');"
                "const { fixture, fixtureReport } = require('./test/file/helpers');"
                "const r = annotateWorkbook(fixture('openpyxl-checklist.xlsx'), fixtureReport(),"
                " { fix: false, lang: 'ja', now: new Date(2026, 0, 2, 3, 4) });"
                f"require('fs').writeFileSync({annotated!r}, r.bytes);"
            )
            root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
            subprocess.run(["npx", "tsx", "-e", code], check=True, cwd=root)
            os.makedirs(os.path.join(tmp, "lo"))
            subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", os.path.join(tmp, "lo"), annotated],
                           check=True, capture_output=True)
            shutil.copy(os.path.join(tmp, "lo", "annotated.xlsx"), os.path.join(OUT, "libreoffice-annotated.xlsx"))
    build_workbook_fixtures()
    print("wrote fixtures to", os.path.normpath(OUT))
