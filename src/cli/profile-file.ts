/**
 * `--profile FILE.json` and `--print-profile`: a user profile (fields, keyword rules, 「-」 rules, hints, weights)
 * validated against PROFILE_SCHEMA with ajv (MIT), plus the checks a schema cannot state (unique ids, topic fields
 * that exist). Every bad entry gets its own line naming where it is (e.g. `topics[3] (id "backup").keywords[2]`).
 * Node-only (the CLI); the pane bundle does not include ajv.
 */
import type Ajv from "ajv";
import type { ErrorObject } from "ajv";
import type { Bilingual } from "../core/model";
import type { Profile } from "../core/profile/types";
import { PROFILE_FORMAT, PROFILE_SCHEMA } from "../core/profile/schema";
import { TICS_2024 } from "../core/profile/tics-2024";

/** A profile file larger than this is refused before parsing. */
export const MAX_PROFILE_BYTES = 2 * 1024 * 1024;

export type ProfileLoad = { ok: true; profile: Profile } | { ok: false; errors: Bilingual[] };

let validator: ReturnType<Ajv["compile"]> | null = null;

function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    // ajv is loaded on first use: most runs read no profile, and loading it is a tenth of the CLI's start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass = (require("ajv") as { default: typeof Ajv }).default;
    validator = new AjvClass({ allErrors: true, strict: true }).compile(PROFILE_SCHEMA);
  }
  return validator(data) ? [] : (validator.errors ?? []);
}

/** `/topics/3/keywords/2` → `topics[3] (id "backup").keywords[2]`, using the data for ids. */
function where(path: string, data: unknown): string {
  if (!path) return "(root)";
  const parts = path.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let out = "";
  let node: unknown = data;
  for (const p of parts) {
    const isIndex = /^\d+$/.test(p) && Array.isArray(node);
    out += isIndex ? `[${p}]` : out ? `.${p}` : p;
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[p] : undefined;
    if (isIndex && node && typeof node === "object" && typeof (node as { id?: unknown }).id === "string") {
      out += ` (id "${(node as { id: string }).id}")`;
    }
  }
  return out;
}

function describe(e: ErrorObject, data: unknown): Bilingual {
  const at = where(e.instancePath, data);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { ja: `${at}: 「${String(p.missingProperty)}」がありません。`, en: `${at}: "${String(p.missingProperty)}" is missing.` };
    case "additionalProperties":
      return { ja: `${at}: 「${String(p.additionalProperty)}」は使えない項目です。`, en: `${at}: "${String(p.additionalProperty)}" is not allowed.` };
    case "type":
      return { ja: `${at}: 型が違います（${String(p.type)} が必要）。`, en: `${at}: must be ${String(p.type)}.` };
    case "enum":
    case "const":
      return { ja: `${at}: 使える値ではありません（${e.message ?? ""}）。`, en: `${at}: not an allowed value (${e.message ?? ""}).` };
    default:
      return { ja: `${at}: ${e.message ?? e.keyword}`, en: `${at}: ${e.message ?? e.keyword}` };
  }
}

/** Checks a schema cannot express: unique ids, topic fields that exist. */
function semanticErrors(p: Profile): Bilingual[] {
  const out: Bilingual[] = [];
  const fieldIds = new Set<string>();
  p.fields.forEach((f, i) => {
    if (fieldIds.has(f.id)) out.push({ ja: `fields[${i}] (id "${f.id}"): id が重複しています。`, en: `fields[${i}] (id "${f.id}"): duplicate id.` });
    fieldIds.add(f.id);
  });
  const topicIds = new Set<string>();
  p.topics.forEach((t, i) => {
    if (topicIds.has(t.id)) out.push({ ja: `topics[${i}] (id "${t.id}"): id が重複しています。`, en: `topics[${i}] (id "${t.id}"): duplicate id.` });
    topicIds.add(t.id);
    t.fields.forEach((f, j) => {
      if (!fieldIds.has(f)) {
        out.push({
          ja: `topics[${i}] (id "${t.id}").fields[${j}]: 分野「${f}」が fields にありません。`,
          en: `topics[${i}] (id "${t.id}").fields[${j}]: field "${f}" is not in fields.`,
        });
      }
    });
  });
  return out;
}

/** Parses and validates a profile file's text. Never throws. */
export function parseProfile(text: string): ProfileLoad {
  if (text.length > MAX_PROFILE_BYTES) {
    return { ok: false, errors: [{ ja: `プロファイルが大きすぎます（上限 ${MAX_PROFILE_BYTES} バイト）。`, en: `The profile is too large (limit ${MAX_PROFILE_BYTES} bytes).` }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ ja: `JSON として読めません: ${m}`, en: `Not valid JSON: ${m}` }] };
  }
  const errors = validate(data);
  if (errors.length) return { ok: false, errors: errors.slice(0, 50).map((e) => describe(e, data)) };
  const { format: _format, ...rest } = data as Profile & { format?: string };
  void _format;
  const profile = rest as Profile;
  const semantic = semanticErrors(profile);
  return semantic.length ? { ok: false, errors: semantic } : { ok: true, profile };
}

/** The profile as a file: `--print-profile` writes the built-in one; parseProfile reads it back unchanged. */
export function profileText(profile: Profile = TICS_2024): string {
  return JSON.stringify({ format: PROFILE_FORMAT, ...profile }, null, 2) + "\n";
}
