import { CLOUDS, type Cloud } from './clouds.js';
import type { LensEffects } from './decision-content.js';
import { formatIssues } from './format-issues.js';
import { checkScriptAgainstProfile } from './interview/script-checks.js';
import type { Question } from './interview/question.js';
import type { Lens, LensInfo } from './lens.js';
import { MODELS, type Model } from './models.js';
import { NOTE_PLACEHOLDERS, placeholdersIn } from './note-text.js';
import { CloudPriceTableSchema, EdgePriceTableSchema, type CloudPriceTable, type EdgePriceTable } from './price-table.js';
import { CUSTOM_FIELD, type ProfileField } from './profile.js';
import { ruleProblems } from './rule-checks.js';
import { HARD_EVIDENCE, type Reference, type Rule, type RuleSet } from './rule-set.js';

/**
 * Applies organisation lenses, one at a time and in order, over validated content: pure data in, new data out.
 * A lens either applies whole or not at all: every check runs first, and a problem leaves the content as it was.
 */

/** The content a lens can change, plus what the lenses so far added. */
export interface LensableContent {
  ruleSet: RuleSet;
  references: Record<string, Reference>;
  clouds: Record<Cloud, CloudPriceTable>;
  edge: EdgePriceTable;
  /** The whole interview, built-in questions first. */
  questions: Question[];
  effects: LensEffects;
  /** Who defined each rule id, source id and question id: 'the built-in rules' or a lens's name (for error lines). */
  origins: Readonly<Record<string, string>>;
}

export function noLenses(base: Omit<LensableContent, 'effects' | 'origins'>): LensableContent {
  const origins: Record<string, string> = {};
  for (const rule of base.ruleSet.rules) origins[`rule:${rule.id}`] = 'the built-in rules';
  for (const id of Object.keys(base.references)) origins[`source:${id}`] = 'rules/sources.yaml';
  for (const question of base.questions) origins[`question:${question.id}`] = 'prompts/interview.yaml';
  return {
    ...base,
    effects: { active: [], links: {}, defaults: {}, defaultedBy: {}, discounts: {}, priceChangedBy: {}, questions: [] },
    origins,
  };
}

export type LensOutcome = { ok: true; content: LensableContent } | { ok: false; problems: string[] };

/** The rule id of a lens's ban on a model: stored with every recommendation it shapes, so it stays stable. */
function banRuleId(lensName: string, model: Model): string {
  return `${lensName.replace(/-/g, '_')}_bans_${model}`;
}

export function applyLens(content: LensableContent, lens: Lens, info: LensInfo): LensOutcome {
  const problems: string[] = [];
  const add = (path: string, message: string) => problems.push(`${path}: ${message}`);
  const origins: Record<string, string> = { ...content.origins };
  const claim = (kind: string, id: string, path: string, what: string) => {
    const owner = origins[`${kind}:${id}`];
    if (owner !== undefined) add(path, `${what} ${id} is already defined by ${owner}; choose another id`);
    else origins[`${kind}:${id}`] = `lens ${lens.name}`;
  };
  if (content.effects.active.some((active) => active.name === lens.name)) add('name', `a lens named ${lens.name} is already applied`);

  const references = { ...content.references };
  for (const [id, reference] of Object.entries(lens.sources)) {
    claim('source', id, `sources.${id}`, 'source');
    references[id] = reference;
  }

  // A question whose field the lens gives a default may be skipped: the organisation has answered it already.
  const questions = content.questions.map((question) => withDefault(question, lens));
  lens.questions.forEach((question, index) => {
    claim('question', question.id, `questions[${index}].id`, 'question id');
    if (!CUSTOM_FIELD.test(question.field))
      add(`questions[${index}].field`, `a lens question fills a custom fact, like custom.${question.id}; got ${question.field}`);
    else if (questions.some((other) => other.field === question.field))
      add(`questions[${index}].field`, `${question.field} is already filled by another question`);
    questions.push(question);
  });
  const lensQuestionIndex = new Map(lens.questions.map((question, index) => [question.id, index]));
  for (const problem of checkScriptAgainstProfile({ version: 'lenses', questions }, { allowCustom: true })) {
    const index = problem.questionId === null ? undefined : lensQuestionIndex.get(problem.questionId);
    // A question whose field is not custom.<id> was reported above; the profile checks would only repeat it.
    if (index !== undefined && CUSTOM_FIELD.test(lens.questions[index]!.field))
      add(`questions[${index}]`, problem.message.replace(/^question "[^"]+" \(field [^)]+\): /, ''));
  }
  const customFacts = new Set(questions.filter((question) => CUSTOM_FIELD.test(question.field)).map((question) => question.field));

  const rules: Rule[] = [...content.ruleSet.rules];
  const ruleIds = () => rules.map((rule) => rule.id).join(', ');
  lens.rules.forEach((lensRule, index) => {
    const where = `rules[${index}]`;
    const { replaces, ...rule } = lensRule;
    if (replaces === undefined) {
      if (rules.some((other) => other.id === rule.id)) {
        add(`${where}.id`, `${rule.id} is already a rule (${origins[`rule:${rule.id}`]}); choose a new id, or add replaces: ${rule.id}`);
        return;
      }
      origins[`rule:${rule.id}`] = `lens ${lens.name}`;
      rules.push(rule);
    } else {
      const at = rules.findIndex((other) => other.id === replaces);
      if (at < 0) {
        add(`${where}.replaces`, `there is no rule ${replaces} to replace; allowed: ${ruleIds()}`);
        return;
      }
      if (rule.id !== replaces && rules.some((other) => other.id === rule.id)) {
        add(`${where}.id`, `${rule.id} is already a rule (${origins[`rule:${rule.id}`]}); choose a new id`);
        return;
      }
      delete origins[`rule:${replaces}`];
      origins[`rule:${rule.id}`] = `lens ${lens.name}, replacing ${replaces}`;
      rules[at] = rule;
    }
    problems.push(...ruleProblems(rule, where, references, customFacts));
  });

  const links: LensEffects['links'] = { ...content.effects.links };
  for (const model of MODELS) {
    const policy = lens.models[model];
    if (!policy) continue;
    if (policy.links.length > 0) links[model] = [...(links[model] ?? []), ...policy.links];
    if (policy.allowed || policy.reason === undefined || policy.source === undefined) continue;
    const where = `models.${model}`;
    for (const name of placeholdersIn(policy.reason))
      if (!NOTE_PLACEHOLDERS.has(name))
        add(`${where}.reason`, `unknown placeholder {${name}}; allowed: ${[...NOTE_PLACEHOLDERS].join(', ')}`);
    const ban: Rule = {
      id: banRuleId(lens.name, model),
      evidence: 'organisation_ban',
      when: { always: true },
      effects: { [model]: { cap: 'unsuitable', note: policy.reason } },
      reason: policy.reason,
      sources: [policy.source],
    };
    for (const problem of ruleProblems(ban, where, references, customFacts))
      problems.push(problem.replace(`${where}.sources`, `${where}.source`));
    claim('rule', ban.id, `${where}.allowed`, 'the ban rule');
    rules.push(ban);
  }

  lens.adjust.forEach((adjustment, index) => {
    const where = `adjust[${index}]`;
    const at = rules.findIndex((rule) => rule.id === adjustment.id);
    if (at < 0) {
      add(`${where}.id`, `there is no rule ${adjustment.id} to adjust; allowed: ${ruleIds()}`);
      return;
    }
    if ('disable' in adjustment) {
      rules.splice(at, 1);
      return;
    }
    const rule = rules[at]!;
    for (const [model, effect] of Object.entries(adjustment.effects)) {
      if (effect?.cap === 'unsuitable' && !HARD_EVIDENCE.has(rule.evidence))
        add(`${where}.effects.${model}.cap`, `${rule.id} rests on ${rule.evidence} evidence, which may cap a model at caution at worst`);
    }
    const adjusted: Rule = { ...rule, effects: { ...rule.effects, ...adjustment.effects }, sources: [...rule.sources, adjustment.source] };
    problems.push(...ruleProblems(adjusted, where, references, customFacts));
    rules[at] = adjusted;
    origins[`rule:${rule.id}`] = `${origins[`rule:${rule.id}`] ?? 'the built-in rules'}, adjusted by lens ${lens.name}`;
  });

  const { clouds, edge, discounts, changedPrices } = applyPrices(content, lens, problems);

  if (problems.length > 0) return { ok: false, problems };

  const defaults = { ...content.effects.defaults, ...lens.defaults };
  const defaultedBy = { ...content.effects.defaultedBy };
  for (const field of Object.keys(lens.defaults)) defaultedBy[field as ProfileField] = lens.name;
  return {
    ok: true,
    content: {
      ruleSet: { ...content.ruleSet, rules },
      references,
      clouds,
      edge,
      questions,
      origins,
      effects: {
        active: [...content.effects.active, info],
        links,
        defaults,
        defaultedBy,
        discounts,
        priceChangedBy: Object.fromEntries(
          CLOUDS.map((cloud) => [
            cloud,
            [...(content.effects.priceChangedBy[cloud] ?? []), ...(changedPrices.has(cloud) ? [lens.name] : [])],
          ]).filter(([, names]) => names!.length > 0),
        ),
        questions: [...content.effects.questions, ...lens.questions],
      },
    },
  };
}

/** The question, skippable with the lens's default named in its help, when the lens defaults its field. */
function withDefault(question: Question, lens: Lens): Question {
  const value = (lens.defaults as Record<string, unknown>)[question.field];
  if (value === undefined) return question;
  const shown = (one: unknown) =>
    question.choices?.find((choice) => choice.value === one)?.label ?? (one === true ? 'yes' : one === false ? 'no' : String(one));
  const text = Array.isArray(value) ? value.map(shown).join(', ') || 'none' : shown(value);
  return { ...question, optional: true, help: `${question.help} Skip it for ${lens.name}'s default: ${text}.` };
}

/** Discounts (a later lens's replaces an earlier one's) and price entries, each merged table validated again. */
function applyPrices(content: LensableContent, lens: Lens, problems: string[]) {
  const discounts: LensEffects['discounts'] = {};
  for (const cloud of CLOUDS) discounts[cloud] = { ...content.effects.discounts[cloud] };
  const given = lens.prices.discounts as Partial<Record<Cloud, Partial<Record<Model, number>>>> & { edge?: number };
  // The edge platform's figure is on every cloud's card: changing it changes every cloud's prices.
  const changed = new Set<Cloud>();
  const touchedEdge = given.edge !== undefined || lens.prices.overrides.edge !== undefined;
  for (const cloud of CLOUDS) {
    for (const [model, share] of Object.entries(given[cloud] ?? {})) {
      discounts[cloud]![model as Model] = { share, lens: lens.name };
      changed.add(cloud);
    }
    if (given.edge !== undefined) discounts[cloud]!.wasm_edge = { share: given.edge, lens: lens.name };
    if (touchedEdge || lens.prices.overrides[cloud] !== undefined) changed.add(cloud);
  }
  for (const cloud of CLOUDS) if (Object.keys(discounts[cloud]!).length === 0) delete discounts[cloud];

  const clouds = { ...content.clouds };
  let edge = content.edge;
  for (const [key, patch] of Object.entries(lens.prices.overrides)) {
    if (patch === undefined) continue;
    const where = `prices.overrides.${key}`;
    if (key === 'edge') {
      const merged = EdgePriceTableSchema.safeParse(mergePrices(edge, patch), { reportInput: true });
      if (merged.success) edge = merged.data;
      else problems.push(...formatIssues(merged.error, where, 'brackets'));
      continue;
    }
    const cloud = key as Cloud;
    const merged = CloudPriceTableSchema.safeParse(mergePrices(clouds[cloud], patch), { reportInput: true });
    if (!merged.success) {
      problems.push(...formatIssues(merged.error, where, 'brackets'));
    } else if (merged.data.cloud !== cloud) {
      problems.push(`${where}.cloud: expected ${cloud}, got ${merged.data.cloud}`);
    } else {
      clouds[cloud] = merged.data;
    }
  }
  return { clouds, edge, discounts, changedPrices: changed };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const named = (value: unknown): value is { name: string } => isRecord(value) && typeof value.name === 'string';

/** A price table with a lens's entries over it: objects merge field by field, VM lists by name, anything else replaces. */
function mergePrices(base: unknown, patch: unknown): unknown {
  if (isRecord(base) && isRecord(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) out[key] = mergePrices(base[key], value);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch) && base.every(named) && patch.every(named)) {
    const out = [...base];
    for (const entry of patch) {
      const at = out.findIndex((old) => old.name === entry.name);
      if (at < 0) out.push(entry);
      else out[at] = mergePrices(out[at], entry) as { name: string };
    }
    return out;
  }
  return patch;
}
