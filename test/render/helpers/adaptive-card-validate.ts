/**
 * Test-only checks for every Adaptive Card the bot sends (the Teams adapter's tests use these too):
 * the official 1.5 JSON schema (Ajv), the official `adaptivecards` parser, and the 28 KB size budget.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// the named export: under NodeNext the default import of this CommonJS package is not constructable
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/** The repository root, found from this file's location (test/render/helpers/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** A copy of the published schema (see test/fixtures/README.md). */
export const ADAPTIVE_CARD_SCHEMA_PATH = path.resolve(repoRoot, 'test/fixtures/schemas/adaptive-card-1.5.json');
export const CARD_SIZE_BUDGET_BYTES = 28 * 1024;

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(ADAPTIVE_CARD_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  // formats (uri-reference) are not checked: Ajv 8 ships none without ajv-formats
  // draft-06 schema: Ajv 8 needs the draft-06 meta-schema, and the top-level `id` (draft-06 spelling) removed
  delete schema.id;
  const ajv = new Ajv({ strict: false, validateFormats: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  compiled = ajv.compile(schema);
  return compiled;
}

/** Removes Teams' `msteams` extension (not in the Adaptive Card schema) at any depth. */
export function stripMsteams(card: unknown): unknown {
  if (Array.isArray(card)) return card.map(stripMsteams);
  if (typeof card !== 'object' || card === null) return card;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(card)) if (k !== 'msteams') out[k] = stripMsteams(v);
  return out;
}

/** Schema errors as readable lines; [] when valid. */
export function schemaErrors(card: unknown): string[] {
  const validate = schemaValidator();
  if (validate(stripMsteams(card))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`);
}

interface AcModule {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void; validateProperties(): { validationEvents: AcEvent[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): AcEvent };
  ValidationEvent: Record<number, string>;
}
interface AcEvent {
  phase: number;
  event: number;
  message: string;
}

let acModule: AcModule | undefined;
/** The official renderer's object model. Under Node it loads only through the dist bundle; parsing needs no DOM. */
function adaptiveCards(): AcModule {
  acModule ??= require('adaptivecards/dist/adaptivecards.js') as AcModule;
  return acModule;
}

/**
 * Problems the official `adaptivecards` parser reports: parse events, plus its own property validation
 * (duplicate ids, required inputs without labels/error messages, too many actions, ...).
 */
export function parserErrors(card: unknown): string[] {
  const AC = adaptiveCards();
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const events: AcEvent[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  return events.map((e) => `${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}`);
}

export function cardSizeBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Everything wrong with a card: schema, official parser, size. [] means it can be sent. */
export function validateAdaptiveCard(card: unknown): string[] {
  const problems = [...schemaErrors(card).map((e) => `schema: ${e}`), ...parserErrors(card).map((e) => `adaptivecards: ${e}`)];
  const size = cardSizeBytes(card);
  if (size > CARD_SIZE_BUDGET_BYTES) problems.push(`size: ${size} bytes; the budget is ${CARD_SIZE_BUDGET_BYTES}`);
  return problems;
}
