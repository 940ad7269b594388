/*
 * Content of the sample checklist workbooks (samples/tics-sample.xlsx, samples/tics-sample-blank.xlsx).
 *
 * Every text here is written by the TICS Check team in its own words. It is NOT METI's
 * 「技術情報管理 自己チェックリスト」 and does not reproduce its items; it only follows the general shape the
 * pamphlet shows (sections, 「内容」 and 「チェック欄」, answers ○ △ × and 「-」 on some items).
 *
 * Each item records the profile topic it was written for (`topic`, a topic id of TICS_2024), whether 「-」 is
 * allowed (`naAllowed`), the demo answer used in tics-sample.xlsx and the status the engine should give it.
 */
import type { CellValue, ItemStatus } from "../src/core/model";

export interface SampleItem {
  /** Section label as written in the section row. */
  section: string;
  /** Item number as written (numbered through the whole list). */
  number: number;
  text: string;
  /** Topic id of TICS_2024 the item was written for. */
  topic: string;
  /** True only for items about entrusted information, outsourcing, outside services or telework. */
  naAllowed: boolean;
  /** Demo answer written into tics-sample.xlsx (null = left blank). */
  answer: CellValue;
  /** Status the engine should give the demo answer. */
  expect: ItemStatus;
}

export const SAMPLE_TITLE = "技術情報管理 自己チェックリスト（サンプル）";
export const SAMPLE_NOTE =
  "このファイルは TICS Check チームが独自の言葉で作成した練習用サンプルです。経済産業省の「技術情報管理 自己チェックリスト」ではありません。";
export const SAMPLE_COMPANY = "会社名：サンプル精機株式会社";
export const SAMPLE_LEGEND_TITLE = "【回答の選び方】チェック欄に次のいずれかを入力してください。";
export const SAMPLE_LEGEND = [
  "○ 実施している",
  "△ 一部実施している",
  "× 実施していない",
  "- 該当しない（一部の項目のみ）",
];
export const SAMPLE_HEADER_CONTENT = "内容";
export const SAMPLE_HEADER_CHECK = "チェック欄";

export const SECTIONS = [
  "I 共通項目",
  "II 人に関する項目",
  "III 物に関する項目",
  "IV 情報システムに関する項目",
  "V 取引先・外部に関する項目",
] as const;

const [S1, S2, S3, S4, S5] = SECTIONS;

type Row = [section: string, text: string, topic: string, naAllowed: boolean, answer: CellValue, expect: ItemStatus];

const ROWS: Row[] = [
  [S1, "情報セキュリティに関する会社の基本方針を文書にまとめ、従業員に知らせている。", "policy", false, "○", "ok"],
  [S1, "漏えいすると困る技術情報（図面、製造条件、試作品など）を洗い出し、守るべき情報として一覧にしている。", "identify", false, "△", "ok"],
  [S1, "守るべき情報には「秘」マークや「関係者限り」などの表示を付け、他の情報と見分けられるようにしている。", "labelling", false, "×", "ok"],
  [S1, "守るべき情報を機密の程度で区分し（例：極秘・社内限り）、区分ごとの取扱いルールを定めている。", "classification", false, "△", "ok"],
  [S1, "情報セキュリティの責任者と、各部門の担当者を決めている。", "manager", false, "○", "ok"],
  [S1, "情報漏えいなどの事故が起きたときの連絡先と対応手順を決め、関係者が知っている。", "incident-response", false, "×", "ok"],
  [S1, "事故や不審な出来事に気づいた従業員が、すぐに責任者へ報告する決まりがある。", "incident-report", false, "△", "ok"],
  [S1, "情報セキュリティのルールが守られているかを年1回以上点検し、必要に応じて見直している。", "review", false, null, "blank"],
  [S1, "会社の情報機器（パソコン、サーバー、USBメモリなど）を台帳に登録し、定期的に棚卸している。", "inventory", false, "〇", "normalized"],
  [S2, "全ての従業員に、情報セキュリティの教育を年1回以上行っている。", "training", false, "○", "ok"],
  [S2, "従業員から、業務で知った秘密を守ることについての誓約書を受け取っている。", "pledge", false, "○", "ok"],
  [S2, "退職する従業員から、会社の情報や貸与した機器を返してもらい、退職後の秘密保持も確認している。", "leavers", false, "△", "ok"],
  [S2, "情報セキュリティのルールに違反した場合の扱いを就業規則などで定めている。", "pledge", false, "×", "ok"],
  [S2, "最近の手口や注意点を、朝礼や掲示などで従業員に注意喚起している。", "training", false, "済", "invalid"],
  [S3, "守るべき書類や試作品は、鍵のかかる棚や金庫に保管している。", "storage", false, "○", "ok"],
  [S3, "守るべき情報を扱う場所への立ち入りを、許可された人に限っている。", "entry", false, "△", "ok"],
  [S3, "来訪者の入退室を記録し、守るべき情報のある区域では従業員が付き添っている。", "entry", false, "×", "ok"],
  [S3, "USBメモリなどの記憶媒体は、使ってよい媒体を決めて登録したものだけを使っている。", "media", false, "-", "na_not_allowed"],
  [S3, "守るべき情報を含む書類や機器を会社の外へ持ち出すときは、責任者の許可を得て記録している。", "take-out", false, "△", "ok"],
  [S3, "不要になった書類は裁断し、パソコンや記憶媒体は情報を消去してから廃棄している。", "disposal", false, "○", "ok"],
  [S3, "机の上や画面に守るべき情報を出したまま席を離れないようにしている。", "clear-desk", false, null, "blank"],
  [S4, "パソコンやシステムは一人ひとり別のIDで使い、IDの共用をしていない。", "ids", false, "○", "ok"],
  [S4, "パスワードは推測されにくいものにし、重要なシステムでは多要素認証を使っている。", "passwords", false, "○", "ok"],
  [S4, "守るべき情報を保存したフォルダやシステムは、アクセスできる人を必要な人に限っている。", "access", false, "△", "ok"],
  [S4, "従業員の退職や異動のときは、その人のIDや権限をすぐに削除・変更している。", "ids", false, "○", "ok"],
  [S4, "パソコンやサーバーにウイルス対策ソフトを入れ、定義ファイルを最新にしている。", "malware", false, "○", "ok"],
  [S4, "OSやソフトウェアの更新を速やかに適用し、サポートが終わった製品は使っていない。", "updates", false, "△", "ok"],
  [S4, "インターネットとの接続口にファイアウォールを設け、不要な通信を止めている。", "network", false, "○", "ok"],
  [S4, "社内の無線LANは暗号化し、来客用と業務用のネットワークを分けている。", "network", false, "×", "ok"],
  [S4, "サーバーやネットワーク機器の記録（ログ）を保存し、不審なアクセスがないか定期的に確認している。", "logging", false, "✕", "normalized"],
  [S4, "重要なデータは定期的にバックアップを取り、元に戻せることを確かめている。", "backup", false, "○", "ok"],
  [S4, "情報システムが止まったときに業務を続ける方法と、復旧の手順を決めている。", "continuity", false, "×", "ok"],
  [S4, "守るべき情報をメールや共有リンクで送るときは、宛先を確かめ、暗号化などで保護している。", "transfer", false, 1, "invalid"],
  [S4, "業務用のパソコンやスマートフォンには画面ロックを設定し、私物の端末は業務に使っていない。", "endpoint", false, "△", "ok"],
  [S4, "テレワークや在宅勤務で守るべき情報を扱うときのルール（作業場所、使う機器など）を定めている。", "telework", true, "△", "ok"],
  [S4, "クラウドサービスなど社外の情報システムを使うときは、利用してよいサービスと使い方を決めている。", "cloud", true, "○", "ok"],
  [S5, "取引先から預かった図面などの情報は、契約で決めた扱い方を守って管理している。", "entrusted", true, "○", "ok"],
  [S5, "取引先から預かった情報は、使い終わったら返却または廃棄し、その記録を残している。", "entrusted", true, "×", "ok"],
  [S5, "業務を外部に委託するときは、委託先と秘密保持の約束を交わし、情報の扱い方を確かめている。", "outsourcing", true, "△", "ok"],
  [S5, "委託先がさらに別の会社に再委託する場合も、同じ水準で情報を守るよう求めている。", "outsourcing", true, "-", "ok"],
  [S5, "取引先と情報セキュリティについて話し合い、事故が起きたときの連絡方法を決めている。", "partner-cooperation", false, "×", "ok"],
  [S5, "発注元や協力会社と協力し、サプライチェーン全体の情報セキュリティ向上に取り組んでいる。", "partner-cooperation", false, "△", "ok"],
];

export const SAMPLE_ITEMS: SampleItem[] = ROWS.map(([section, text, topic, naAllowed, answer, expect], i) => ({
  section,
  number: i + 1,
  text,
  topic,
  naAllowed,
  answer,
  expect,
}));

/** Answer lists written as the answer cells' dropdowns. */
export const LIST_ANSWERS = ["○", "△", "×"];
export const LIST_ANSWERS_NA = ["○", "△", "×", "-"];
