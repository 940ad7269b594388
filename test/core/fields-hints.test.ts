/**
 * The hint follows the item's own topic (issue 7: a disposal item gets disposal advice, not USB advice; a training
 * item is not placed under classification; backup is not network). Checked through the plan's advice key.
 */
import { prepareProfile, scanText, ruleFields } from "../../src/core/fields";
import { TICS_2024 } from "../../src/core/profile/tics-2024";
import { fold } from "../../src/core/text";

const p = prepareProfile(TICS_2024);

test.each([
  ["不要になったUSBメモリは、物理的に破壊してから廃棄している。", "disposal", "物理的対策"],
  ["USBメモリを廃棄する際は、データを復元できないよう破壊している。", "disposal", "物理的対策"],
  ["機密区分のルールについて全従業員に研修を行っている。", "training", "人的対策・教育"],
  ["バックアップデータはネットワークから切り離して保管している。", "backup", "事業継続"],
  ["新入社員に対して、標的型メールの見分け方を教えている。", "training", "人的対策・教育"],
  ["取引先と情報セキュリティについて話し合い、事故が起きたときの連絡方法を決めている。", "partner-cooperation", "取引先・外部サービス"],
])("%s -> topic %s (hint), field %s", (text, topic, field) => {
  const s = scanText(fold(text), p);
  expect(s.topic?.id).toBe(topic);
  expect(ruleFields(s, p)[0]).toBe(field);
});
