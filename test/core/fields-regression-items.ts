/**
 * Regression set for the fallback field rules (issue 7, item 5).
 *
 * Requirement-style item texts written by the fields helper from the revised TICS standard's topics (policy,
 * identifying and labelling what to protect, classification levels, a responsible manager, handling rules, staff
 * training, incident reporting and response, access rights, physical storage, electronic controls, rules for outside
 * information systems, cooperation with business partners, continuity of information systems) and from the kind of
 * basic controls the JAMA/JAPIA level 1 covers — in our own words, NOT METI's, and written BEFORE looking at the
 * profile's keyword list. Each entry names the field(s) that fit (any assigned field must be one of them) and
 * whether 「-」 (該当しない) should be allowed when the cell has no list of its own.
 */
export const P = "方針・体制";
export const I = "情報の特定と区分";
export const H = "人的対策・教育";
export const F = "物理的対策";
export const T = "技術的対策（アクセス・端末・ネットワーク）";
export const S = "取引先・外部サービス";
export const D = "検知・事故対応";
export const B = "事業継続";

export interface RegressionItem {
  text: string;
  /** fields that fit: every field the engine assigns must be one of these */
  fits: string[];
  /** 「-」 allowed (no list validation in the cell) */
  na: boolean;
}

export const REGRESSION_ITEMS: RegressionItem[] = [
  { text: "情報セキュリティに関する基本方針を経営者が定め、従業員に周知している。", fits: [P], na: false },
  { text: "技術情報の管理に関する社内規程を整備し、定期的に見直している。", fits: [P], na: false },
  { text: "情報管理の責任者を任命し、その役割と権限を文書で明確にしている。", fits: [P], na: false },
  { text: "経営層は情報セキュリティ対策に必要な予算と人員を確保している。", fits: [P], na: false },
  { text: "自社にとって守るべき技術情報を洗い出し、一覧として台帳にまとめている。", fits: [I], na: false },
  { text: "守るべき情報には「社外秘」などの表示を付け、他の情報と区別できるようにしている。", fits: [I], na: false },
  { text: "機密の度合いに応じて情報を複数の区分に分け、区分ごとに取扱いのルールを定めている。", fits: [I, P], na: false },
  { text: "試作品や金型など形のある守るべき情報についても、保管場所と管理者を決めている。", fits: [I, F], na: false },
  { text: "図面データの保存先を機密区分ごとに分けている。", fits: [I, T], na: false },
  { text: "全従業員に対し、入社時と年1回以上、情報セキュリティの教育を行っている。", fits: [H], na: false },
  { text: "従業員と秘密保持に関する誓約書を取り交わしている。", fits: [H], na: false },
  { text: "退職者に対して、在職中に知り得た秘密を漏らさないよう退職時に改めて確認している。", fits: [H], na: false },
  { text: "標的型メールへの注意を促す訓練を従業員向けに実施している。", fits: [H, D], na: false },
  {
    text: "派遣社員や外部の作業者を受け入れる場合は、守るべき情報に触れる範囲を限定し、秘密保持を約束させている。",
    fits: [H, S],
    na: true,
  },
  { text: "重要な情報を扱う部屋への入退室を記録し、許可された者だけが入れるようにしている。", fits: [F], na: false },
  { text: "来訪者が事務所に入る際は受付で記帳させ、社員が同行している。", fits: [F], na: false },
  { text: "機密書類は施錠できるキャビネットに保管している。", fits: [F], na: false },
  { text: "離席時には机の上に機密書類を放置しないクリアデスクを徹底している。", fits: [F, H], na: false },
  { text: "不要になった書類や記録媒体は、復元できない方法で廃棄している。", fits: [F, T], na: false },
  { text: "監視カメラを設置し、工場の出入口の映像を一定期間保存している。", fits: [F], na: false },
  { text: "パソコンを廃棄・リース返却する際は、データを完全に消去したことを確認している。", fits: [F, T], na: false },
  {
    text: "業務で使うパソコンやサーバーにはウイルス対策ソフトを導入し、定義ファイルを最新に保っている。",
    fits: [T],
    na: false,
  },
  { text: "OSやソフトウェアの更新プログラムを速やかに適用している。", fits: [T], na: false },
  { text: "利用者ごとに個別のIDを発行し、共用アカウントを使わないようにしている。", fits: [T], na: false },
  { text: "パスワードは推測されにくいものを設定させ、使い回しを禁止している。", fits: [T], na: false },
  {
    text: "守るべき情報へのアクセス権は業務上必要な者に限って付与し、異動や退職時には速やかに削除している。",
    fits: [T],
    na: false,
  },
  { text: "社内ネットワークとインターネットの境界にファイアウォールを設置している。", fits: [T], na: false },
  { text: "無線LANを利用する場合は、暗号化を行い、接続できる機器を制限している。", fits: [T], na: true },
  {
    text: "USBメモリ等の外部記録媒体を使う場合は、会社が許可した媒体に限り、暗号化している。",
    fits: [T, F],
    na: true,
  },
  { text: "私物のスマートフォンを業務に使う際は、会社の許可を得て、画面ロックを設定させている。", fits: [T], na: true },
  {
    text: "テレワークで社外から社内システムに接続する場合は、VPNと多要素認証を使っている。",
    fits: [T],
    na: true,
  },
  {
    text: "スマートフォンやタブレットなどのモバイル端末を業務に使う場合は、紛失時に遠隔で消去できるようにしている。",
    fits: [T],
    na: true,
  },
  {
    text: "重要なサーバーやネットワーク機器の管理者権限は、限られた担当者だけが持つようにしている。",
    fits: [T],
    na: false,
  },
  { text: "システムの操作やアクセスの記録（ログ）を取得し、定期的に確認している。", fits: [T, D], na: false },
  { text: "電子メールで守るべき情報を送る際は、宛先を確認し、ファイルを暗号化している。", fits: [T], na: false },
  {
    text: "クラウドサービスに守るべき情報を保存する場合は、サービスの安全性を確認したうえで利用している。",
    fits: [S, T],
    na: true,
  },
  {
    text: "外部の情報システムを利用する場合は、利用ルールを定め、使うサービスを台帳で管理している。",
    fits: [S],
    na: true,
  },
  { text: "取引先から技術情報を預かっている場合は、自社の情報と同等以上に管理している。", fits: [S], na: true },
  {
    text: "業務を外注する場合は、委託先と秘密保持契約を結び、情報の取扱いを確認している。",
    fits: [S],
    na: true,
  },
  { text: "協力会社に図面を渡す際は、必要な範囲に限り、返却または廃棄を求めている。", fits: [S], na: true },
  { text: "守るべき情報を第三者に提供する場合は、事前に責任者の承認を得ている。", fits: [S], na: true },
  {
    text: "業務を委託している場合は、委託先における情報管理の状況を定期的に確認している。",
    fits: [S],
    na: true,
  },
  {
    text: "取引先との契約で、情報漏えいが起きたときの連絡方法と責任分担を取り決めている。",
    fits: [S, D],
    na: false,
  },
  {
    text: "情報漏えいなどの事故が起きた場合の報告先と連絡手順を定め、従業員に知らせている。",
    fits: [D],
    na: false,
  },
  {
    text: "不審なメールや通信を見つけた従業員が、すぐに担当者へ報告できる窓口を設けている。",
    fits: [D],
    na: false,
  },
  { text: "事故発生時には原因を調べ、再発防止策を講じている。", fits: [D], na: false },
  {
    text: "不正アクセスの兆候を検知する仕組みを導入し、警告を確認する担当者を決めている。",
    fits: [D, T],
    na: false,
  },
  { text: "過去に起きた情報セキュリティ事故の記録を残し、対策の見直しに活用している。", fits: [D], na: false },
  {
    text: "重要なデータは定期的にバックアップを取り、ネットワークから切り離した場所にも保管している。",
    fits: [B],
    na: false,
  },
  { text: "バックアップから実際にデータを復元できるか、定期的に試している。", fits: [B], na: false },
  { text: "システムが停止した場合に備え、業務を続けるための手順や代替手段を決めている。", fits: [B], na: false },
  {
    text: "ランサムウェアの被害を受けても業務を再開できるよう、復旧の優先順位を定めている。",
    fits: [B, D],
    na: false,
  },
  {
    text: "停電や災害時にも重要なシステムが使えるよう、無停電電源装置などを備えている。",
    fits: [B, F],
    na: false,
  },
  {
    text: "情報セキュリティの取組状況を年に一度以上点検し、結果を経営者に報告している。",
    fits: [P],
    na: false,
  },
  { text: "規程に違反した従業員に対する懲戒の手続きを就業規則に定めている。", fits: [H, P], na: false },
  {
    text: "情報セキュリティに関する最新の脅威や注意喚起の情報を収集し、社内で共有している。",
    fits: [D, P],
    na: false,
  },
  { text: "外部から届いた添付ファイルは、開く前にウイルス検査をしている。", fits: [T], na: false },
  { text: "守るべき情報を印刷する際は、プリンターに放置しないようにしている。", fits: [F, H], na: false },
  { text: "工場内で撮影する場合は、事前に許可を得るルールにしている。", fits: [F], na: false },
  {
    text: "製造装置に保存された加工データやプログラムにも、アクセスできる者を制限している。",
    fits: [T, I],
    na: false,
  },
  { text: "サーバー室は施錠し、鍵の貸し出しを記録している。", fits: [F], na: false },
  { text: "情報機器の一覧を作成し、設置場所と利用者を把握している。", fits: [I, T], na: false },
  {
    text: "来客と打合せをする際は、守るべき情報が目に触れないようにしている。",
    fits: [F],
    na: false,
  },
  { text: "新しく採用した従業員には、配属前に情報の取扱いルールを説明している。", fits: [H], na: false },
  { text: "役員を含む全員が、年に一度、秘密保持の意識を確認するテストを受けている。", fits: [H], na: false },
  { text: "ソフトウェアを導入する際は、管理者の承認を得たものに限っている。", fits: [T], na: false },
  {
    text: "業務委託先の作業員が社内のシステムで作業する際は、作業内容を記録し、終了後にアカウントを無効にしている。",
    fits: [T, S],
    na: true,
  },
  {
    text: "守るべき情報を社外へ持ち出す際の手続きを定め、持ち出しの記録を残している。",
    fits: [F, I, T],
    na: false,
  },
  {
    text: "情報セキュリティの担当部署と各部門の役割分担を組織図などで明確にしている。",
    fits: [P],
    na: false,
  },
  {
    text: "在宅勤務を認めている場合は、自宅での書類の保管や印刷についてルールを定めている。",
    fits: [F, H, T],
    na: true,
  },
  { text: "外部記録媒体の使用を禁止するか、使用を許可制にしている。", fits: [T], na: false },
];
