/**
 * JSON Schema (draft-07) of a profile file (`tics-check --profile FILE.json`, `--print-profile`). The engine's
 * `Profile` type as JSON; see the README's "Profiles" section. Bounded: a file with more than the limits below is
 * refused, so a hostile file cannot make the engine slow.
 */
const bilingual = {
  type: "object",
  required: ["ja", "en"],
  additionalProperties: false,
  properties: { ja: { type: "string", maxLength: 2000 }, en: { type: "string", maxLength: 2000 } },
} as const;

const references = {
  type: "object",
  required: ["tics", "iso27001", "jama"],
  additionalProperties: false,
  properties: {
    tics: bilingual,
    iso27001: { type: "array", maxItems: 30, items: { type: "string", maxLength: 20 } },
    jama: bilingual,
  },
} as const;

const keyword = {
  oneOf: [
    { type: "string", minLength: 1, maxLength: 60 },
    {
      type: "object",
      required: ["text", "weight"],
      additionalProperties: false,
      properties: { text: { type: "string", minLength: 1, maxLength: 60 }, weight: { type: "number", exclusiveMinimum: 0, maximum: 100 } },
    },
  ],
} as const;

const id = { type: "string", minLength: 1, maxLength: 60 } as const;

export const PROFILE_FORMAT = "tics-check-profile@1";

export const PROFILE_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://tics-check.invalid/profile.schema.json",
  title: "TICS Check profile",
  type: "object",
  required: ["id", "name", "note", "fields", "weights", "topics", "naKeywords", "fallback"],
  additionalProperties: false,
  properties: {
    format: { const: PROFILE_FORMAT },
    id,
    name: bilingual,
    note: bilingual,
    fields: {
      type: "array",
      minItems: 1,
      maxItems: 40,
      items: {
        type: "object",
        required: ["id", "name", "aliases"],
        additionalProperties: false,
        properties: { id, name: bilingual, aliases: { type: "array", maxItems: 20, items: { type: "string", minLength: 1, maxLength: 60 } } },
      },
    },
    weights: {
      type: "object",
      required: ["○", "△", "×"],
      additionalProperties: false,
      properties: {
        "○": { type: "number", minimum: 0, maximum: 1 },
        "△": { type: "number", minimum: 0, maximum: 1 },
        "×": { type: "number", minimum: 0, maximum: 1 },
      },
    },
    topics: {
      type: "array",
      maxItems: 200,
      items: {
        type: "object",
        required: ["id", "title", "keywords", "fields", "importance", "hint", "firstStep", "evidence", "references"],
        additionalProperties: false,
        properties: {
          id,
          title: bilingual,
          keywords: { type: "array", minItems: 1, maxItems: 100, items: keyword },
          fields: { type: "array", minItems: 1, maxItems: 10, items: id },
          scope: { type: "boolean" },
          importance: { enum: [1, 2, 3] },
          hint: bilingual,
          firstStep: bilingual,
          evidence: bilingual,
          references,
        },
      },
    },
    naKeywords: { type: "array", maxItems: 300, items: { type: "string", minLength: 1, maxLength: 60 } },
    fallback: {
      type: "object",
      required: ["hint", "firstStep", "evidence", "references"],
      additionalProperties: false,
      properties: { hint: bilingual, firstStep: bilingual, evidence: bilingual, references },
    },
  },
} as const;
