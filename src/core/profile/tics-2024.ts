import type { Bilingual, References } from "../model";
import type { FieldDef, Profile, Topic } from "./types";

/*
 * Default profile for the revised TICS standard (in force 2024-08-16).
 *
 * The field grouping, topics, keywords, hints, first steps, evidence lists and references below are TICS Check's
 * own work in its own words. They are not the wording, fields or item mapping of METI's self-check workbook,
 * which are not published in a form we could rely on. ISO/IEC 27001:2022 ids name Annex A controls that
 * correspond in substance; JAMA/JAPIA areas are our own summary of the guideline's level-1 themes.
 *
 * Keywords carry weights (plain strings weigh 2; see src/core/fields.ts for the rules): a topic scores the sum of its
 * keywords found in an item text, a condition clause (…場合は / …際は) weighed apart. Ties go to the more specific
 * match, then to topic order. Aliases are spelling variants of a field's own name only: a workbook's other names
 * (ルール作り, サイバー対策 …) are kept as it writes them, never merged into ours.
 */

const FIELDS: FieldDef[] = [
  {
    id: "policy",
    name: { ja: "方針・体制", en: "Policy and organisation" },
    aliases: ["方針／体制", "方針及び体制", "方針と体制"],
  },
  {
    id: "identify",
    name: { ja: "情報の特定と区分", en: "Identifying and classifying information" },
    aliases: ["情報の特定・区分", "情報の特定及び区分"],
  },
  {
    id: "people",
    name: { ja: "人的対策・教育", en: "People and training" },
    aliases: ["人的対策及び教育", "人的対策と教育"],
  },
  {
    id: "physical",
    name: { ja: "物理的対策", en: "Physical controls" },
    aliases: [],
  },
  {
    id: "technical",
    name: { ja: "技術的対策（アクセス・端末・ネットワーク）", en: "Technical controls (access, devices, network)" },
    aliases: ["技術的対策 (アクセス、端末、ネットワーク)"],
  },
  {
    id: "partners",
    name: { ja: "取引先・外部サービス", en: "Business partners and outside services" },
    aliases: ["取引先及び外部サービス", "取引先と外部サービス"],
  },
  {
    id: "detect",
    name: { ja: "検知・事故対応", en: "Detection and incident response" },
    aliases: ["検知及び事故対応", "検知と事故対応"],
  },
  {
    id: "continuity",
    name: { ja: "事業継続", en: "Business continuity" },
    aliases: [],
  },
];

function refs(tics: Bilingual, iso27001: string[], jama: Bilingual): References {
  return { tics, iso27001, jama };
}

const JAMA = {
  policy: { ja: "方針・体制", en: "Policy and organisation" },
  assets: { ja: "情報資産管理", en: "Information asset management" },
  people: { ja: "人的管理・教育", en: "People and awareness" },
  physical: { ja: "物理的管理", en: "Physical security" },
  access: { ja: "アクセス管理", en: "Access management" },
  malware: { ja: "マルウェア対策", en: "Malware protection" },
  vuln: { ja: "脆弱性管理", en: "Vulnerability management" },
  network: { ja: "ネットワーク管理", en: "Network security" },
  logging: { ja: "ログ・監視", en: "Logging and monitoring" },
  backup: { ja: "バックアップ", en: "Backup" },
  incident: { ja: "事故対応", en: "Incident response" },
  partners: { ja: "取引先管理", en: "Business partner management" },
  continuity: { ja: "事業継続", en: "Business continuity" },
} satisfies Record<string, Bilingual>;

const TOPICS: Topic[] = [
  {
    id: "policy",
    title: { ja: "情報セキュリティの基本方針", en: "Information security policy" },
    keywords: [{ text: "方針", weight: 3 }, { text: "ポリシー", weight: 3 }, "基本的な考え方", "規程", { text: "規則", weight: 1 }, { text: "経営者", weight: 1 }, { text: "経営層", weight: 1 }, "予算", { text: "人員", weight: 1 }],
    fields: ["policy"],
    importance: 1,
    hint: {
      ja: "守るべき情報をどう扱うかという会社の考え方を短い文書にまとめ、経営者の名前で全員に知らせます。",
      en: "Put the company's stance on protecting key information into a short document signed by management and share it with everyone.",
    },
    firstStep: {
      ja: "A4 一枚の「情報セキュリティ基本方針」の案を作り、今週の朝礼か社内掲示で全員に伝える。",
      en: "Draft a one-page information security policy this week and announce it at a staff meeting or on the notice board.",
    },
    evidence: {
      ja: "基本方針の文書（承認日・承認者入り）、周知した記録（掲示の写真、メール、朝礼記録）",
      en: "The policy document with approval date and approver; a record of how it was shared (notice photo, e-mail, meeting notes)",
    },
    references: refs(
      { ja: "情報セキュリティ方針を定めて周知する", en: "Set an information security policy and make it known" },
      ["A.5.1"],
      JAMA.policy,
    ),
  },
  {
    id: "identify",
    title: { ja: "守るべき情報の特定", en: "Identifying the information to protect" },
    keywords: [{ text: "洗い出", weight: 3 }, { text: "特定し", weight: 3 }, { text: "特定する", weight: 3 }, { text: "見極め", weight: 3 }, { text: "漏えいすると困る", weight: 3 }, { text: "試作品", weight: 1 }],
    fields: ["identify"],
    importance: 1,
    hint: {
      ja: "図面・製造条件・試作品など、漏れると競争力や信用を失う情報を部門ごとに洗い出し、一覧にします。",
      en: "List, department by department, the information whose leak would hurt competitiveness or trust: drawings, process conditions, prototypes.",
    },
    firstStep: {
      ja: "各部門の責任者と 30 分話し合い、「漏れたら困る情報」を 10 件書き出す。",
      en: "Spend 30 minutes with each department head and write down ten pieces of information the company could not afford to leak.",
    },
    evidence: {
      ja: "守るべき情報の一覧（保管場所・形態・責任者入り）",
      en: "A list of information to protect, with location, form and owner",
    },
    references: refs(
      { ja: "守るべき情報を特定する", en: "Identify the information to protect" },
      ["A.5.9", "A.5.12"],
      JAMA.assets,
    ),
  },
  {
    id: "labelling",
    title: { ja: "守るべき情報の表示", en: "Labelling information to protect" },
    keywords: ["表示", "マーク", { text: "ラベル", weight: 3 }, { text: "見分け", weight: 1 }, { text: "他の情報と識別", weight: 3 }, "識別でき", { text: "社外秘", weight: 3 }, { text: "マル秘", weight: 3 }, "区別でき"],
    fields: ["identify"],
    importance: 2,
    hint: {
      ja: "書類・ファイル・試作品に区分を示す表示を付け、誰が見ても守るべき情報だと分かるようにします。",
      en: "Mark documents, files and prototypes with their level so anyone can tell they need protection.",
    },
    firstStep: {
      ja: "表示のルール（例：ファイル名の先頭に【秘】、書類に印）を決め、最重要の図面フォルダから付け始める。",
      en: "Agree a marking rule (for example a prefix in file names and a stamp on paper) and start with the most important drawing folder.",
    },
    evidence: {
      ja: "表示ルールを書いた規程、表示済みの書類やファイル名の画面写し",
      en: "The rule for marking; photos of marked documents or a screenshot of marked file names",
    },
    references: refs(
      { ja: "守るべき情報を他の情報と識別できるようにする", en: "Make information to protect distinguishable from other information" },
      ["A.5.13"],
      JAMA.assets,
    ),
  },
  {
    id: "classification",
    title: { ja: "機密区分に応じた取扱い", en: "Handling by confidentiality level" },
    keywords: [{ text: "機密区分", weight: 3 }, { text: "区分ごと", weight: 3 }, { text: "区分に応じ", weight: 3 }, { text: "機密の度合", weight: 3 }, { text: "機密の程度", weight: 3 }, { text: "機密性に応じ", weight: 3 }, "重要度に応じ", "格付け", { text: "区分", weight: 1 }],
    fields: ["identify"],
    importance: 1,
    hint: {
      ja: "情報を 2〜3 段階の機密区分に分け、区分ごとに保管・持ち出し・送付・廃棄の方法を決めます。",
      en: "Sort information into two or three confidentiality levels and set, per level, how it is stored, taken out, sent and disposed of.",
    },
    firstStep: {
      ja: "区分を「極秘・社外秘・一般」などの 3 つに決め、区分ごとの扱いを表 1 枚にまとめる。",
      en: "Choose three levels (for example strictly confidential, internal, public) and summarise their handling in a one-page table.",
    },
    evidence: {
      ja: "機密区分と取扱いを定めた規程、区分を記入した情報の台帳",
      en: "The rule defining levels and handling; the information register showing each item's level",
    },
    references: refs(
      { ja: "機密区分を定め、区分に応じた管理方法で管理する", en: "Define confidentiality levels and manage information according to its level" },
      ["A.5.10", "A.5.12"],
      JAMA.assets,
    ),
  },
  {
    id: "manager",
    title: { ja: "責任者と役割", en: "Responsible person and roles" },
    keywords: ["責任者", "担当者を決め", { text: "役割", weight: 1 }, "管理責任", "任命", "担当部署", "組織図", "役割分担"],
    fields: ["policy"],
    importance: 1,
    hint: {
      ja: "情報セキュリティの責任者を 1 名決め、部門ごとの担当者と役割を文書にします。",
      en: "Appoint one person responsible for information security and write down the departmental contacts and their roles.",
    },
    firstStep: {
      ja: "責任者を経営者が指名し、その名前と連絡先を社内に掲示する。",
      en: "Have management name the responsible person and post their name and contact details internally.",
    },
    evidence: {
      ja: "任命書または組織図、役割分担表",
      en: "Letter of appointment or organisation chart; table of roles",
    },
    references: refs(
      { ja: "情報セキュリティの責任者を置く", en: "Appoint a person responsible for information security" },
      ["A.5.2", "A.5.4"],
      JAMA.policy,
    ),
  },
  {
    id: "incident-response",
    title: { ja: "事故時の対応体制と手順", en: "Incident response organisation and procedure" },
    keywords: [{ text: "事故", weight: 3 }, { text: "インシデント", weight: 3 }, "事件", "対応手順", { text: "緊急連絡", weight: 3 }, { text: "被害の拡大", weight: 3 }, { text: "再発防止", weight: 3 }, "漏えいが起き", "漏えいが発生", "連絡手順", { text: "脅威", weight: 3 }, "情報を収集"],
    fields: ["detect"],
    importance: 1,
    hint: {
      ja: "情報漏えいやウイルス感染などが起きたときに、誰が何をどの順で行うかを手順にしておきます。",
      en: "Write down who does what, in which order, when a leak or an infection happens.",
    },
    firstStep: {
      ja: "緊急連絡網（社内・取引先・相談先）を 1 枚にまとめ、事務所に掲示する。",
      en: "Put the emergency contact list (staff, customers, advisers) on one page and post it in the office.",
    },
    evidence: {
      ja: "事故対応手順書、緊急連絡網、過去の対応記録や訓練記録",
      en: "Incident response procedure; emergency contact list; records of past incidents or drills",
    },
    references: refs(
      { ja: "事故時の対応体制と手順を整える", en: "Prepare an incident response organisation and procedure" },
      ["A.5.24", "A.5.26", "A.5.27"],
      JAMA.incident,
    ),
  },
  {
    id: "incident-report",
    title: { ja: "事故・異常の報告", en: "Reporting incidents and anomalies" },
    keywords: ["報告先", "報告できる", "報告する決まり", "気づいた", "発見した", "見つけた", { text: "窓口", weight: 1 }, { text: "報告", weight: 1 }],
    fields: ["detect"],
    importance: 1,
    hint: {
      ja: "異常に気づいた人が迷わずすぐに報告できるよう、報告先と報告の仕方を決めて全員に知らせます。",
      en: "Tell everyone whom to report anomalies to and how, so they report at once without hesitating.",
    },
    firstStep: {
      ja: "「おかしいと思ったらすぐ○○へ」という報告先を決め、全員のパソコンの近くに貼る。",
      en: "Name a single reporting contact and stick a notice with it next to every PC.",
    },
    evidence: {
      ja: "報告ルールを定めた規程、報告の受付記録",
      en: "The reporting rule; the log of reports received",
    },
    references: refs(
      { ja: "事故や異常を速やかに報告させる", en: "Have incidents and anomalies reported promptly" },
      ["A.6.8", "A.5.25"],
      JAMA.incident,
    ),
  },
  {
    id: "review",
    title: { ja: "点検と見直し", en: "Checks and review" },
    keywords: [{ text: "点検", weight: 3 }, "見直", { text: "監査", weight: 3 }, { text: "守られているか", weight: 3 }, "取組状況"],
    fields: ["policy"],
    importance: 2,
    hint: {
      ja: "ルールが実際に守られているかを定期的に点検し、結果をもとにルールや対策を見直します。",
      en: "Check regularly that the rules are followed and revise rules and controls based on what you find.",
    },
    firstStep: {
      ja: "この自己チェックの結果を責任者と確認し、次回の点検日を予定表に入れる。",
      en: "Go through this self-check with the responsible person and put the next check date in the calendar.",
    },
    evidence: {
      ja: "点検チェックリストと結果、見直しの議事録",
      en: "The check list and its results; minutes of the review",
    },
    references: refs(
      { ja: "取組を定期的に点検し見直す", en: "Check and review the measures regularly" },
      ["A.5.35", "A.5.36"],
      JAMA.policy,
    ),
  },
  {
    id: "inventory",
    title: { ja: "情報機器の台帳管理", en: "Inventory of equipment" },
    keywords: ["台帳", { text: "棚卸", weight: 3 }, { text: "情報機器の一覧", weight: 3 }, "資産", { text: "一覧", weight: 1 }],
    fields: ["identify"],
    importance: 2,
    hint: {
      ja: "パソコン・サーバー・記憶媒体などの情報機器を台帳に登録し、使用者と設置場所を把握します。",
      en: "Record PCs, servers and storage media in an inventory with their user and location.",
    },
    firstStep: {
      ja: "表計算ソフトで機器台帳（機器名・使用者・場所・購入日）を作り、事務所内の機器から登録する。",
      en: "Start a spreadsheet inventory (device, user, location, purchase date) and enter the devices in the office first.",
    },
    evidence: {
      ja: "機器台帳、棚卸の実施記録",
      en: "The equipment inventory; records of stock-takes",
    },
    references: refs(
      { ja: "守るべき情報を扱う機器を把握する", en: "Know the equipment that handles information to protect" },
      ["A.5.9"],
      JAMA.assets,
    ),
  },
  {
    id: "training",
    title: { ja: "従業員の教育と意識づけ", en: "Staff training and awareness" },
    keywords: [{ text: "教育", weight: 3 }, { text: "研修", weight: 3 }, { text: "訓練", weight: 3 }, "注意喚起", { text: "朝礼", weight: 1 }, { text: "意識", weight: 1 }, "入社", "採用", { text: "配属", weight: 1 }, { text: "説明", weight: 1 }, "教え", "新入社員"],
    fields: ["people"],
    importance: 1,
    hint: {
      ja: "全従業員に、ルールの内容と最近の手口を年 1 回以上教え、受講の記録を残します。",
      en: "Teach all staff the rules and current attack methods at least once a year and keep attendance records.",
    },
    firstStep: {
      ja: "15 分の社内勉強会を予定し、出席者の名前を記録する。",
      en: "Schedule a 15-minute in-house session and record who attended.",
    },
    evidence: {
      ja: "教育計画、教材、受講者名簿や受講記録",
      en: "Training plan; training material; attendance lists",
    },
    references: refs(
      { ja: "従業員に教育・周知を行う", en: "Train and inform staff" },
      ["A.6.3"],
      JAMA.people,
    ),
  },
  {
    id: "pledge",
    title: { ja: "秘密保持の誓約と就業規則", en: "Confidentiality pledges and work rules" },
    keywords: [{ text: "誓約", weight: 3 }, { text: "秘密保持", weight: 3 }, { text: "守秘", weight: 3 }, { text: "秘密を守る", weight: 3 }, { text: "秘密を漏らさない", weight: 3 }, "就業規則", { text: "違反", weight: 1 }, { text: "懲戒", weight: 3 }],
    fields: ["people"],
    importance: 1,
    hint: {
      ja: "従業員から秘密保持の誓約書を取り、違反したときの扱いを就業規則などで明らかにします。",
      en: "Obtain confidentiality pledges from staff and state in the work rules what happens when they are broken.",
    },
    firstStep: {
      ja: "誓約書のひな形を作り、まず守るべき情報を扱う従業員から署名をもらう。",
      en: "Prepare a pledge form and collect signatures first from staff who handle information to protect.",
    },
    evidence: {
      ja: "署名済みの誓約書、就業規則の該当条文",
      en: "Signed pledges; the relevant clauses of the work rules",
    },
    references: refs(
      { ja: "従業員と秘密保持を約束する", en: "Agree confidentiality with staff" },
      ["A.6.2", "A.6.4", "A.6.6"],
      JAMA.people,
    ),
  },
  {
    id: "leavers",
    title: { ja: "退職・異動時の手続き", en: "Leavers and movers" },
    keywords: [{ text: "退職", weight: 3 }, { text: "異動", weight: 1 }, { text: "貸与品", weight: 3 }, "貸与", { text: "返却", weight: 1 }],
    fields: ["people"],
    importance: 2,
    hint: {
      ja: "退職や異動のときに、貸与した機器や書類の返却、ID と権限の削除・変更、退職後の秘密保持の確認を行います。",
      en: "When people leave or change role, collect lent equipment and documents, remove or change their IDs and rights, and confirm confidentiality after leaving.",
    },
    firstStep: {
      ja: "退職・異動時のチェック表（返却物、ID 削除、誓約書）を作り、次の退職者から使う。",
      en: "Make a leaver checklist (items to return, IDs to remove, pledge) and use it from the next leaver on.",
    },
    evidence: {
      ja: "退職時チェック表、返却記録、ID 削除の記録",
      en: "Leaver checklists; return records; records of removed IDs",
    },
    references: refs(
      { ja: "退職・異動時に情報と権限を回収する", en: "Recover information and rights when people leave or move" },
      ["A.6.5", "A.5.11", "A.5.18"],
      JAMA.people,
    ),
  },
  {
    id: "storage",
    title: { ja: "書類・物の施錠保管", en: "Locked storage of documents and objects" },
    keywords: [{ text: "施錠", weight: 3 }, { text: "金庫", weight: 3 }, { text: "キャビネット", weight: 3 }, { text: "鍵のかかる", weight: 3 }, { text: "保管庫", weight: 3 }, { text: "鍵", weight: 1 }, "保管場所"],
    fields: ["physical"],
    importance: 1,
    hint: {
      ja: "守るべき書類や試作品は施錠できる棚や金庫に保管し、鍵を持つ人を限ります。",
      en: "Keep sensitive documents and prototypes in lockable cabinets or safes and limit who holds the keys.",
    },
    firstStep: {
      ja: "守るべき書類の置き場所を 1 か所に決め、鍵の保管者を決める。",
      en: "Choose one lockable place for sensitive papers and decide who keeps the key.",
    },
    evidence: {
      ja: "保管場所の写真、鍵の管理簿",
      en: "Photos of the storage place; key register",
    },
    references: refs(
      { ja: "守るべき情報を施錠して保管する", en: "Keep information to protect under lock" },
      ["A.7.3", "A.5.10"],
      JAMA.physical,
    ),
  },
  {
    id: "entry",
    title: { ja: "立ち入りの管理", en: "Entry control" },
    keywords: [{ text: "立ち入り", weight: 3 }, { text: "立入", weight: 3 }, { text: "入退", weight: 3 }, { text: "来訪者", weight: 3 }, { text: "入室", weight: 3 }, "区域", "撮影", { text: "監視カメラ", weight: 3 }, "受付", "来客", { text: "部屋", weight: 1 }, "出入口"],
    fields: ["physical"],
    importance: 2,
    hint: {
      ja: "守るべき情報がある場所に入れる人を決め、来訪者の出入りを記録し、付き添います。",
      en: "Decide who may enter areas holding information to protect, record visitors and accompany them.",
    },
    firstStep: {
      ja: "受付に来訪者記録簿を置き、設計室や試作場に「関係者以外立入禁止」の表示を出す。",
      en: "Put a visitor log at reception and post 'authorised staff only' signs on the design office and prototype area.",
    },
    evidence: {
      ja: "来訪者記録簿、入退室の記録、区域の表示の写真",
      en: "Visitor log; entry records; photos of area signs",
    },
    references: refs(
      { ja: "守るべき情報のある区域への立ち入りを管理する", en: "Control entry to areas holding information to protect" },
      ["A.7.1", "A.7.2", "A.7.6"],
      JAMA.physical,
    ),
  },
  {
    id: "take-out",
    title: { ja: "持ち出しの管理", en: "Taking information off site" },
    keywords: [{ text: "持ち出", weight: 3 }, { text: "持出", weight: 3 }, "会社の外へ", { text: "社外へ", weight: 1 }],
    fields: ["physical"],
    importance: 2,
    hint: {
      ja: "守るべき情報や機器を会社の外へ持ち出すときは、許可と記録を必須にします。",
      en: "Require permission and a record whenever information to protect or devices leave the premises.",
    },
    firstStep: {
      ja: "持ち出し申請の様式（日時・物・目的・許可者）を作り、ノートパソコンの持ち出しから適用する。",
      en: "Create a take-out form (date, item, purpose, approver) and apply it to laptops first.",
    },
    evidence: {
      ja: "持ち出し申請・許可の記録",
      en: "Take-out requests and approvals",
    },
    references: refs(
      { ja: "守るべき情報の持ち出しを管理する", en: "Control taking information to protect off site" },
      ["A.7.9", "A.5.10"],
      JAMA.physical,
    ),
  },
  {
    id: "media",
    title: { ja: "記憶媒体の管理", en: "Removable storage media" },
    keywords: [{ text: "USB", weight: 3 }, { text: "記憶媒体", weight: 3 }, "記録媒体", { text: "外部記録媒体", weight: 3 }, { text: "可搬", weight: 3 }, "外付け"],
    fields: ["technical"],
    scope: true,
    importance: 2,
    hint: {
      ja: "USB メモリなどの記憶媒体は使ってよいものを決めて登録し、それ以外は使えないようにします。",
      en: "Register the USB sticks and other media allowed for work and block or forbid the rest.",
    },
    firstStep: {
      ja: "社内の USB メモリを集めて番号を付け、貸出簿で管理し始める。",
      en: "Collect the company's USB sticks, number them and start a lending log.",
    },
    evidence: {
      ja: "記憶媒体の管理台帳、貸出記録、利用制限の設定画面の写し",
      en: "Media register; lending log; screenshot of the device-control setting",
    },
    references: refs(
      { ja: "記憶媒体の利用を管理する", en: "Control the use of storage media" },
      ["A.7.10"],
      JAMA.assets,
    ),
  },
  {
    id: "disposal",
    title: { ja: "廃棄と消去", en: "Disposal and erasure" },
    keywords: [{ text: "廃棄", weight: 3 }, "消去", { text: "裁断", weight: 3 }, { text: "シュレッダー", weight: 3 }, { text: "溶解", weight: 3 }, "不要になった", { text: "復元できない", weight: 3 }],
    fields: ["physical"],
    importance: 2,
    hint: {
      ja: "書類は裁断や溶解処理で、機器や媒体はデータを消去してから廃棄し、その記録を残します。",
      en: "Shred or pulp paper, erase devices and media before disposal, and keep a record of it.",
    },
    firstStep: {
      ja: "廃棄予定のパソコンを確認し、消去方法（ソフトまたは業者）と記録様式を決める。",
      en: "Check which PCs are due for disposal and decide how they will be wiped (tool or contractor) and recorded.",
    },
    evidence: {
      ja: "廃棄記録、データ消去証明書",
      en: "Disposal records; data erasure certificates",
    },
    references: refs(
      { ja: "守るべき情報を確実に廃棄・消去する", en: "Dispose of and erase information to protect reliably" },
      ["A.7.14", "A.8.10"],
      JAMA.assets,
    ),
  },
  {
    id: "clear-desk",
    title: { ja: "机上と画面の管理", en: "Clear desk and clear screen" },
    keywords: [{ text: "席を離れ", weight: 3 }, { text: "離席", weight: 3 }, "机の上", "出したまま", { text: "クリアデスク", weight: 3 }, "放置", "目に触れ", "プリンター"],
    fields: ["physical"],
    importance: 3,
    hint: {
      ja: "席を離れるときは書類を片付け、画面をロックする習慣を全員に定着させます。",
      en: "Make it a habit for everyone to put papers away and lock the screen when leaving the desk.",
    },
    firstStep: {
      ja: "画面ロックのショートカット（Windows キー + L）を全員に伝え、終業時の机上点検を始める。",
      en: "Show everyone the screen-lock shortcut (Windows key + L) and start an end-of-day desk check.",
    },
    evidence: {
      ja: "ルールの文書、点検記録、自動ロック設定の画面写し",
      en: "The rule; check records; screenshot of the automatic lock setting",
    },
    references: refs(
      { ja: "放置による漏えいを防ぐ", en: "Prevent leaks from unattended papers and screens" },
      ["A.7.7"],
      JAMA.physical,
    ),
  },
  {
    id: "ids",
    title: { ja: "ID の個人ごとの発行", en: "Individual user IDs" },
    keywords: [{ text: "ID", weight: 3 }, { text: "アカウント", weight: 3 }, "共用", { text: "一人ひとり", weight: 1 }, { text: "個人ごと", weight: 1 }, { text: "識別符号", weight: 3 }, { text: "利用者を識別", weight: 3 }, "利用者ごと"],
    fields: ["technical"],
    importance: 1,
    hint: {
      ja: "パソコンやシステムの ID は一人ひとりに発行し、共用 ID をなくして誰が操作したか分かるようにします。",
      en: "Give each person their own ID on PCs and systems and remove shared IDs so actions can be traced.",
    },
    firstStep: {
      ja: "共用している ID を書き出し、最も重要なシステムから個人 ID に切り替える。",
      en: "List the shared IDs and switch the most important system to personal IDs first.",
    },
    evidence: {
      ja: "ID 一覧（利用者との対応）、ID 発行・削除の記録",
      en: "List of IDs and their users; records of IDs issued and removed",
    },
    references: refs(
      { ja: "利用者ごとに ID を割り当てる", en: "Assign an ID to each user" },
      ["A.5.16"],
      JAMA.access,
    ),
  },
  {
    id: "passwords",
    title: { ja: "パスワードと認証", en: "Passwords and authentication" },
    keywords: [{ text: "パスワード", weight: 3 }, { text: "多要素", weight: 3 }, { text: "認証", weight: 1 }, "推測され", "使い回し", { text: "生体認証", weight: 3 }],
    fields: ["technical"],
    importance: 1,
    hint: {
      ja: "推測されにくい長いパスワードを使い、外から使えるシステムやメールには多要素認証を設定します。",
      en: "Use long passwords that are hard to guess and turn on multi-factor authentication for e-mail and anything reachable from outside.",
    },
    firstStep: {
      ja: "メールとクラウドの管理画面で多要素認証を有効にできるか確認し、管理者アカウントから設定する。",
      en: "Check whether your mail and online services offer multi-factor authentication and enable it for administrator accounts first.",
    },
    evidence: {
      ja: "パスワードのルール、多要素認証の設定画面の写し",
      en: "The password rule; screenshots of multi-factor settings",
    },
    references: refs(
      { ja: "認証情報を適切に管理する", en: "Manage authentication information properly" },
      ["A.5.17", "A.8.5"],
      JAMA.access,
    ),
  },
  {
    id: "access",
    title: { ja: "アクセス権の制限", en: "Restricting access rights" },
    keywords: [{ text: "アクセス権", weight: 3 }, "権限", { text: "アクセスできる", weight: 3 }, "見られる人", "閲覧できる", "必要な人に限", "必要な者に限", { text: "アクセス制御", weight: 3 }, { text: "アクセス制限", weight: 3 }, { text: "管理者権限", weight: 3 }],
    fields: ["technical"],
    importance: 1,
    hint: {
      ja: "守るべき情報を見たり変更したりできる人を、業務に必要な人だけに限ります。",
      en: "Allow only the people whose work requires it to see or change information to protect.",
    },
    firstStep: {
      ja: "共有フォルダの中で最も重要なものを選び、アクセスできる人の一覧を確認して不要な人を外す。",
      en: "Pick the most important shared folder, review who can open it and remove those who do not need it.",
    },
    evidence: {
      ja: "アクセス権の一覧、権限設定の画面写し、権限見直しの記録",
      en: "List of access rights; screenshots of permission settings; records of access reviews",
    },
    references: refs(
      { ja: "守るべき情報へのアクセスを必要な人に限る", en: "Limit access to information to protect to those who need it" },
      ["A.5.15", "A.5.18", "A.8.3"],
      JAMA.access,
    ),
  },
  {
    id: "malware",
    title: { ja: "ウイルス対策", en: "Malware protection" },
    keywords: [{ text: "ウイルス", weight: 3 }, { text: "ウィルス", weight: 3 }, { text: "マルウェア", weight: 3 }, { text: "不正プログラム", weight: 3 }, { text: "定義ファイル", weight: 3 }, "ランサムウェア"],
    fields: ["technical"],
    importance: 1,
    hint: {
      ja: "全てのパソコンとサーバーにウイルス対策ソフトを入れ、自動で最新の状態に保ちます。",
      en: "Run anti-malware software on every PC and server and keep it updated automatically.",
    },
    firstStep: {
      ja: "機器台帳をもとに、ウイルス対策ソフトが動いていない機器がないか確認する。",
      en: "Use the equipment list to check that no device is running without anti-malware protection.",
    },
    evidence: {
      ja: "導入状況の一覧、管理画面の写し",
      en: "Deployment list; console screenshots",
    },
    references: refs(
      { ja: "不正プログラムから守る", en: "Protect against malicious software" },
      ["A.8.7"],
      JAMA.malware,
    ),
  },
  {
    id: "updates",
    title: { ja: "更新と脆弱性への対応", en: "Updates and vulnerabilities" },
    keywords: [{ text: "更新プログラム", weight: 3 }, { text: "アップデート", weight: 3 }, { text: "脆弱性", weight: 3 }, { text: "パッチ", weight: 3 }, { text: "サポートが終", weight: 3 }, "最新の状態", { text: "更新", weight: 1 }],
    fields: ["technical"],
    importance: 1,
    hint: {
      ja: "OS やソフトウェアの更新を速やかに適用し、サポートが終わった製品は置き換えます。",
      en: "Apply operating-system and software updates promptly and replace products that are out of support.",
    },
    firstStep: {
      ja: "自動更新が有効か全パソコンで確認し、サポート切れの OS やソフトを書き出す。",
      en: "Check that automatic updates are on for every PC and list any out-of-support operating systems or software.",
    },
    evidence: {
      ja: "更新の適用状況、サポート期限を記した機器台帳",
      en: "Update status reports; equipment list with support end dates",
    },
    references: refs(
      { ja: "脆弱性を放置しない", en: "Do not leave vulnerabilities unpatched" },
      ["A.8.8"],
      JAMA.vuln,
    ),
  },
  {
    id: "network",
    title: { ja: "ネットワークの境界と分離", en: "Network boundary and segregation" },
    keywords: [{ text: "ファイアウォール", weight: 3 }, { text: "インターネット", weight: 1 }, { text: "ネットワーク", weight: 1 }, { text: "無線LAN", weight: 3 }, { text: "Wi-Fi", weight: 3 }, { text: "通信", weight: 1 }, "不正アクセス", { text: "VPN", weight: 3 }, { text: "ルーター", weight: 3 }],
    fields: ["technical"],
    importance: 1,
    hint: {
      ja: "インターネットとの境界で不要な通信を止め、来客用や製造設備用のネットワークを業務用と分けます。",
      en: "Block unneeded traffic at the internet boundary and separate guest and production networks from the office network.",
    },
    firstStep: {
      ja: "ルーターの設定画面で外から入れる通信の設定を確認し、管理者パスワードを初期値から変える。",
      en: "Review the router's inbound rules and change its administrator password from the default.",
    },
    evidence: {
      ja: "ネットワーク構成図、ファイアウォール設定の写し",
      en: "Network diagram; copy of firewall settings",
    },
    references: refs(
      { ja: "外部からの不正な通信を防ぐ", en: "Keep unauthorised traffic out" },
      ["A.8.20", "A.8.21", "A.8.22"],
      JAMA.network,
    ),
  },
  {
    id: "logging",
    title: { ja: "ログの記録と監視", en: "Logging and monitoring" },
    keywords: [{ text: "ログを", weight: 3 }, { text: "ログの", weight: 3 }, { text: "ログ)", weight: 3 }, { text: "操作記録", weight: 3 }, "アクセス記録", "監視", { text: "検知", weight: 3 }, { text: "兆候", weight: 3 }, "不審な"],
    fields: ["detect", "technical"],
    importance: 2,
    hint: {
      ja: "サーバーやネットワーク機器の記録（ログ）を一定期間保存し、不審な動きがないか定期的に確かめます。",
      en: "Keep server and network device logs for a set period and look for suspicious activity regularly.",
    },
    firstStep: {
      ja: "ファイルサーバーとルーターでログが何日分残るかを確認し、保存期間を決める。",
      en: "Check how many days of logs your file server and router keep and decide a retention period.",
    },
    evidence: {
      ja: "ログの保存設定、ログ確認の記録",
      en: "Log retention settings; records of log reviews",
    },
    references: refs(
      { ja: "異常を検知できるようにする", en: "Be able to detect anomalies" },
      ["A.8.15", "A.8.16"],
      JAMA.logging,
    ),
  },
  {
    id: "backup",
    title: { ja: "バックアップ", en: "Backup" },
    keywords: [{ text: "バックアップ", weight: 3 }, "元に戻せる", "復元"],
    fields: ["continuity"],
    importance: 1,
    hint: {
      ja: "重要なデータを定期的にバックアップし、一部は別の場所や切り離した媒体に保管し、復元を試します。",
      en: "Back up important data regularly, keep a copy offline or elsewhere, and test restoring it.",
    },
    firstStep: {
      ja: "図面データのバックアップから 1 ファイルを実際に復元してみる。",
      en: "Restore one file from the backup of your drawing data to prove it works.",
    },
    evidence: {
      ja: "バックアップの設定と実行記録、復元テストの記録",
      en: "Backup settings and logs; restore test records",
    },
    references: refs(
      { ja: "データを失わないよう備える", en: "Be prepared not to lose data" },
      ["A.8.13"],
      JAMA.backup,
    ),
  },
  {
    id: "continuity",
    title: { ja: "情報システムの継続", en: "Continuity of information systems" },
    keywords: [{ text: "継続", weight: 3 }, "止まった", { text: "業務を続け", weight: 3 }, { text: "復旧", weight: 3 }, "停止", { text: "業務を再開", weight: 3 }, "代替", { text: "停電", weight: 3 }, { text: "災害", weight: 3 }, { text: "無停電", weight: 3 }],
    fields: ["continuity"],
    importance: 2,
    hint: {
      ja: "情報システムが止まったときに業務を続ける方法と、復旧の順番・目標時間を決めておきます。",
      en: "Decide how work carries on when systems stop, and in which order and how fast they are restored.",
    },
    firstStep: {
      ja: "止まると困るシステムを 3 つ挙げ、止まったときの代わりのやり方を話し合う。",
      en: "Name the three systems you could least do without and agree a workaround for each.",
    },
    evidence: {
      ja: "継続・復旧の手順書、訓練の記録",
      en: "Continuity and recovery procedures; drill records",
    },
    references: refs(
      { ja: "情報システムを止めない・早く戻す", en: "Keep information systems running and restore them quickly" },
      ["A.5.29", "A.5.30", "A.8.14"],
      JAMA.continuity,
    ),
  },
  {
    id: "transfer",
    title: { ja: "情報の送受信", en: "Sending and receiving information" },
    keywords: [{ text: "メール", weight: 1 }, "電子メール", { text: "宛先", weight: 3 }, "暗号化", { text: "共有リンク", weight: 3 }, "送付"],
    fields: ["technical"],
    importance: 2,
    hint: {
      ja: "守るべき情報を送るときは宛先を確かめ、暗号化やアクセス制限付きの共有方法を使います。",
      en: "Check the recipient before sending information to protect and use encryption or access-controlled sharing.",
    },
    firstStep: {
      ja: "図面を社外に送る方法を 1 つに決め（例：期限付き共有リンク）、手順を書いて配る。",
      en: "Choose one approved way to send drawings out (for example an expiring share link) and hand out the steps.",
    },
    evidence: {
      ja: "送付手順、メール設定（誤送信対策）の画面写し",
      en: "The sending procedure; screenshots of mail safeguards",
    },
    references: refs(
      { ja: "情報を安全に受け渡す", en: "Transfer information securely" },
      ["A.5.14", "A.8.24"],
      JAMA.network,
    ),
  },
  {
    id: "endpoint",
    title: { ja: "パソコン・スマートフォンの管理", en: "PCs and smartphones" },
    keywords: [{ text: "パソコン", weight: 1 }, "スマートフォン", { text: "端末", weight: 1 }, { text: "私物", weight: 3 }, { text: "画面ロック", weight: 3 }, "タブレット", "モバイル", "紛失", { text: "ソフトウェアを導入", weight: 3 }, { text: "インストール", weight: 3 }],
    fields: ["technical"],
    importance: 2,
    hint: {
      ja: "業務用の端末に画面ロックや紛失時の対策を設定し、私物端末の業務利用はルールを決めて制限します。",
      en: "Set screen locks and loss protection on work devices and restrict personal devices by a clear rule.",
    },
    firstStep: {
      ja: "業務で使っているスマートフォンを書き出し、画面ロックが設定されているか確認する。",
      en: "List the smartphones used for work and check that each has a screen lock.",
    },
    evidence: {
      ja: "端末の管理台帳、設定の画面写し、私物利用のルール",
      en: "Device register; setting screenshots; the personal-device rule",
    },
    references: refs(
      { ja: "利用者の端末を守る", en: "Protect user devices" },
      ["A.8.1"],
      JAMA.access,
    ),
  },
  {
    id: "telework",
    title: { ja: "テレワーク", en: "Telework" },
    keywords: [{ text: "テレワーク", weight: 3 }, { text: "在宅", weight: 3 }, { text: "リモートワーク", weight: 3 }, "自宅", { text: "リモートアクセス", weight: 3 }],
    fields: ["technical"],
    scope: true,
    importance: 2,
    hint: {
      ja: "テレワークで守るべき情報を扱う場所・機器・通信のルールを決め、対象者に守らせます。",
      en: "Set rules for where, on which devices and over which connections information to protect may be handled when working remotely.",
    },
    firstStep: {
      ja: "在宅で守るべき情報を扱う人を把握し、使っている機器と接続方法を聞き取る。",
      en: "Find out who handles information to protect from home and which devices and connections they use.",
    },
    evidence: {
      ja: "テレワークのルール、利用者一覧、接続方法の設定記録",
      en: "Telework rule; list of remote workers; connection setup records",
    },
    references: refs(
      { ja: "テレワーク時の情報の扱いを定める", en: "Set rules for information when working remotely" },
      ["A.6.7", "A.7.9"],
      JAMA.access,
    ),
  },
  {
    id: "cloud",
    title: { ja: "外部の情報システム（クラウド等）", en: "Outside information systems (cloud etc.)" },
    keywords: [{ text: "クラウド", weight: 3 }, { text: "外部の情報システム", weight: 3 }, { text: "社外の情報システム", weight: 3 }, { text: "外部サービス", weight: 3 }, { text: "外部のサービス", weight: 3 }, { text: "外部の情報処理", weight: 3 }, { text: "オンラインストレージ", weight: 3 }],
    fields: ["partners"],
    scope: true,
    importance: 2,
    hint: {
      ja: "クラウドなど外部の情報システムは、使ってよいサービスと使い方（設定・アカウント管理）を決めて使います。",
      en: "Decide which cloud and other outside services may be used and how (settings, account management).",
    },
    firstStep: {
      ja: "社内で使っているクラウドサービスを洗い出し、会社として認めるものを決める。",
      en: "List the cloud services people actually use and decide which the company approves.",
    },
    evidence: {
      ja: "利用を認めたサービスの一覧、利用ルール、設定の確認記録",
      en: "List of approved services; usage rule; records of configuration checks",
    },
    references: refs(
      { ja: "外部の情報システムの利用ルールを定める", en: "Set rules for using outside information systems" },
      ["A.5.23"],
      JAMA.partners,
    ),
  },
  {
    id: "entrusted",
    title: { ja: "取引先から預かった情報", en: "Information entrusted by business partners" },
    keywords: [{ text: "取引先から", weight: 3 }, { text: "預か", weight: 3 }, "預け", "提供を受け"],
    fields: ["partners"],
    scope: true,
    importance: 1,
    hint: {
      ja: "取引先から預かった情報は、契約や約束どおりに区分・保管・返却・廃棄し、その記録を残します。",
      en: "Classify, store, return and destroy information entrusted by partners as agreed, and keep records.",
    },
    firstStep: {
      ja: "取引先から預かっている図面や仕様書を一覧にし、契約上の扱いの条件を書き添える。",
      en: "List the drawings and specifications partners have entrusted to you and note the agreed handling terms.",
    },
    evidence: {
      ja: "預かり情報の台帳、秘密保持契約、返却・廃棄の記録",
      en: "Register of entrusted information; non-disclosure agreements; return and destruction records",
    },
    references: refs(
      { ja: "取引先から預かった情報を約束どおり管理する", en: "Manage partners' information as agreed" },
      ["A.5.14", "A.5.31"],
      JAMA.partners,
    ),
  },
  {
    id: "outsourcing",
    title: { ja: "外部への委託", en: "Entrusting information to outsiders" },
    keywords: [{ text: "委託", weight: 3 }, { text: "外注", weight: 3 }, { text: "再委託", weight: 3 }, { text: "協力会社", weight: 3 }, { text: "第三者に提供", weight: 3 }, { text: "第三者への提供", weight: 3 }, "派遣", "外部の作業者"],
    fields: ["partners"],
    scope: true,
    importance: 1,
    hint: {
      ja: "情報を外部に預けるときは、委託先と秘密保持の約束を交わし、管理の状況を確かめます。",
      en: "When you entrust information to outsiders, agree confidentiality with them and check how they protect it.",
    },
    firstStep: {
      ja: "図面を渡している外注先を一覧にし、秘密保持契約があるか確認する。",
      en: "List the subcontractors who receive your drawings and check that each has a confidentiality agreement.",
    },
    evidence: {
      ja: "委託先一覧、秘密保持契約書、委託先の確認記録",
      en: "List of contractors; confidentiality agreements; records of contractor checks",
    },
    references: refs(
      { ja: "委託先にも同じ水準の管理を求める", en: "Require the same level of protection from contractors" },
      ["A.5.19", "A.5.20", "A.5.22"],
      JAMA.partners,
    ),
  },
  {
    id: "partner-cooperation",
    title: { ja: "取引先との連携", en: "Cooperation with business partners" },
    keywords: ["取引先と", { text: "連携", weight: 1 }, { text: "協力", weight: 1 }, { text: "サプライチェーン", weight: 3 }, { text: "話し合", weight: 1 }, { text: "取引先", weight: 1 }],
    fields: ["partners"],
    importance: 2,
    hint: {
      ja: "取引先と情報セキュリティの取組や事故時の連絡方法を話し合い、サプライチェーン全体で守ります。",
      en: "Agree security practices and incident contacts with your partners so the whole supply chain is protected.",
    },
    firstStep: {
      ja: "主要な取引先 3 社について、事故時の連絡窓口を確認して連絡網に加える。",
      en: "Confirm the incident contact at your three main partners and add them to your contact list.",
    },
    evidence: {
      ja: "取引先との合意文書や議事録、連絡窓口の一覧",
      en: "Agreements or minutes with partners; list of partner contacts",
    },
    references: refs(
      { ja: "取引先と協力して情報を守る", en: "Protect information together with business partners" },
      ["A.5.19", "A.5.21"],
      JAMA.partners,
    ),
  },
];

export const TICS_2024: Profile = {
  id: "tics-2024",
  name: { ja: "TICS 改正基準 (2024) 用プロファイル", en: "Profile for the revised TICS standard (2024)" },
  note: {
    ja:
      "分野の分け方・項目と分野の対応・判定ルール・ヒント・参照先は TICS Check 独自のもので、" +
      "経済産業省の自己チェックリストの分野名や文言ではありません。",
    en:
      "The field grouping, item-to-field mapping, rules, hints and references are TICS Check's own, " +
      "not the field names or wording of METI's self-check workbook.",
  },
  fields: FIELDS,
  weights: { "○": 1, "△": 0.5, "×": 0 },
  topics: TOPICS,
  // Specific phrases only: 「外部の者の入室」 or 「社外への持ち出し」 concern every company and must not allow 「-」.
  naKeywords: [
    // information from or to partners, outsourcing
    "取引先から", "預か", "預け", "委託", "外注", "協力会社", "第三者に提供", "第三者への提供", "第三者へ提供",
    // outside and cloud services
    "外部サービス", "外部のサービス", "外部のシステム", "外部の情報システム", "社外サービス", "社外のサービス",
    "社外のシステム", "社外の情報システム", "クラウド", "オンラインストレージ",
    // telework and remote access
    "テレワーク", "リモートワーク", "在宅", "リモートアクセス", "社外から接続", "社外から社内",
    // private or mobile devices
    "私物", "個人所有", "モバイル", "スマートフォン", "タブレット", "携帯電話",
    // wireless LAN
    "無線LAN", "Wi-Fi",
    // removable media
    "USB", "外部記録媒体", "記録媒体", "記憶媒体", "可搬",
    // dispatched or outside staff
    "派遣", "外部の作業者", "外部要員", "常駐",
  ],
  fallback: {
    hint: {
      ja: "この項目が求めていることを社内のルールに書き、実際に行っていることを記録で示せるようにします。",
      en: "Write what this item asks for into your internal rules and keep records that show it is done.",
    },
    firstStep: {
      ja: "この項目について、今どこまでできているかを責任者と 15 分で確認し、足りない点を 1 つ書き出す。",
      en: "Spend 15 minutes with the responsible person on where you stand for this item and write down one gap.",
    },
    evidence: {
      ja: "関係する規程と、実施したことが分かる記録",
      en: "The related rules and records showing the measure is carried out",
    },
    references: refs(
      { ja: "改正基準の該当項目（TICS Check による分類なし）", en: "The corresponding item of the revised standard (not classified by TICS Check)" },
      [],
      { ja: "該当領域なし", en: "No specific area" },
    ),
  },
};
