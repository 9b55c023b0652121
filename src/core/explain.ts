import { CLOUD_LABELS, type Cloud } from './clouds.js';
import type { DecisionContent } from './decision-content.js';
import { MODEL_LABELS, verdictRank, type Model } from './models.js';
import { fillNote } from './note-text.js';
import type { FiredRule, RankedModel } from './recommendation.js';
import { verdictForScore, type CompiledRule, type Contribution, type Evaluation, type ModelOutcome } from './rule-engine.js';
import type { SourceRef } from './rule-set.js';

const MAX_REASONS_PER_MODEL = 4;
const MAX_REASONS_FOR_PICK = 3;
const MAX_RUNNERS_UP = 2;

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The models whose labels read as plural nouns ("virtual machines fit"). */
const PLURAL: ReadonlySet<Model> = new Set(['vm', 'containers', 'serverless_containers', 'faas']);

/** "Containers fit best", "WebAssembly at the edge fits best". */
export function fitsBest(model: Model): string {
  return `${capitalise(MODEL_LABELS[model])} ${PLURAL.has(model) ? 'fit' : 'fits'} best`;
}

/** A rule's sources as cited on cards: a document's public title and section, or the cloud's platform or price pages. */
export function sourceText(refs: readonly SourceRef[], content: DecisionContent, cloud: Cloud): string {
  const platforms = content.platforms;
  const cite = (title: string, read: string) => `${title} (read ${read})`;
  return refs
    .map((ref) => {
      switch (ref.id) {
        case 'platform.faas':
        case 'platform.serverless_containers':
        case 'platform.containers': {
          const source =
            platforms.clouds[cloud][ref.id.slice('platform.'.length) as 'faas' | 'serverless_containers' | 'containers'].sources[0]!;
          return cite(source.title, source.read);
        }
        case 'platform.edge':
          return cite(platforms.edge.sources[0]!.title, platforms.edge.sources[0]!.read);
        case 'platform.start_times':
          return cite(platforms.startTimes.sources[0]!.title, platforms.startTimes.sources[0]!.read);
        case 'prices': {
          const table = content.prices.clouds[cloud];
          return `${CLOUD_LABELS[cloud]} list prices, ${table.region} (read ${latestRead(content, cloud)})`;
        }
        default: {
          const reference = content.references[ref.id];
          if (!reference) return ref.id;
          return ref.section ? `${reference.title}: ${ref.section}` : reference.title;
        }
      }
    })
    .join('; ');
}

/** The most recent `read` date among a cloud's price entries: the date the card's figures are "as of". */
export function latestRead(content: DecisionContent, cloud: Cloud): string {
  const table = content.prices.clouds[cloud];
  const dates = [
    table.faas.source.read,
    table.serverlessContainers.source.read,
    table.containers.source.read,
    ...table.vms.map((v) => v.source.read),
  ];
  return dates.sort().at(-1)!;
}

function noteOf(contribution: Contribution, values: Readonly<Record<string, string>>): string {
  return fillNote(contribution.effect.note ?? contribution.rule.reason, values);
}

/**
 * A model's reasons, the decisive one first: the binding cap's note when a cap set the verdict, otherwise the
 * strongest evidence in the verdict's direction (drawbacks for caution, strengths for good and optimal).
 */
export function modelReasons(
  outcome: ModelOutcome,
  content: DecisionContent,
  values: Readonly<Record<string, string>>,
): Pick<RankedModel, 'reasons' | 'evidence'> {
  const { thresholds } = content.ruleSet;
  const byScore = verdictForScore(outcome.score, thresholds);
  const capBinds =
    outcome.cap !== undefined &&
    outcome.capRule !== undefined &&
    verdictRank(outcome.cap) >= verdictRank(byScore) &&
    outcome.verdict === outcome.cap;
  const against = outcome.verdict === 'caution' || outcome.verdict === 'unsuitable';
  const ordered = [...outcome.contributions].sort((a, b) => (against ? a.score - b.score : b.score - a.score));
  const reasons: string[] = [];
  let evidence: RankedModel['evidence'] = 'soft';
  if (capBinds) {
    const capping = outcome.contributions.find((c) => c.rule === outcome.capRule && c.effect.cap === outcome.cap)!;
    reasons.push(noteOf(capping, values));
    evidence = capping.rule.evidence;
  }
  for (const contribution of ordered) {
    if (reasons.length >= MAX_REASONS_PER_MODEL) break;
    if (contribution.score === 0 && !contribution.effect.cap) continue;
    const text = noteOf(contribution, values);
    if (!reasons.includes(text)) reasons.push(text);
  }
  return { reasons, evidence };
}

function scoreFrom(outcome: ModelOutcome, rule: CompiledRule): number {
  let total = 0;
  for (const c of outcome.contributions) if (c.rule === rule) total += c.score;
  return total;
}

/**
 * "Why": the rules that made the pick (its strongest strengths, weighed against the runner-up), then the one reason
 * each runner-up lost: its binding cap, or the rule that put the most points between it and the pick, preferring a
 * rule that speaks of the runner-up.
 */
export function decidingRules(
  evaluation: Evaluation,
  content: DecisionContent,
  cloud: Cloud,
  values: Readonly<Record<string, string>>,
  monthly: (model: Model) => number | null = () => null,
): FiredRule[] {
  const [pick, ...rest] = evaluation.order as [Model, ...Model[]];
  const pickOutcome = evaluation.outcomes[pick];
  if (pickOutcome.verdict === 'unsuitable') return [];
  const contenders = rest.filter((m) => evaluation.outcomes[m].verdict !== 'unsuitable');
  const runnersUp = contenders.slice(0, MAX_RUNNERS_UP);
  // A model further down that would cost less than the pick is the first one a reader asks about: say why it lost too.
  const pickCost = monthly(pick);
  const cheaper = contenders
    .slice(MAX_RUNNERS_UP)
    .filter((m) => pickCost !== null && (monthly(m) ?? Infinity) < pickCost)
    .sort((a, b) => monthly(a)! - monthly(b)!)[0];
  if (cheaper) runnersUp.push(cheaper);
  const runnerUp = runnersUp[0] ? evaluation.outcomes[runnersUp[0]] : undefined;
  const out: FiredRule[] = [];

  // Strengths that also set the pick apart from the runner-up come first; one the runner-up shares more is no reason.
  const strengths = pickOutcome.contributions
    .filter((c) => c.score > 0)
    .map((c) => ({ rule: c.rule, weight: c.score - (runnerUp ? scoreFrom(runnerUp, c.rule) : 0), score: c.score }))
    .filter((s, _i, all) => s.weight > 0 || all.every((o) => o.weight <= 0))
    .sort((a, b) => b.score - a.score || b.weight - a.weight);
  const seen = new Set<string>();
  for (const s of strengths) {
    if (out.length >= MAX_REASONS_FOR_PICK) break;
    if (seen.has(s.rule.id)) continue;
    seen.add(s.rule.id);
    out.push({
      id: s.rule.id,
      reason: fillNote(s.rule.reason, values),
      source: sourceText(s.rule.sources, content, cloud),
      weight: s.weight,
      role: 'for_pick',
      model: pick,
    });
  }

  for (const model of runnersUp) {
    const outcome = evaluation.outcomes[model];
    const tie = evaluation.tie;
    if (tie?.decidedBy === 'cost' && tie.models.includes(model)) {
      out.push({
        id: TIE_BREAK_RULE_ID,
        reason: `Tied on fit, but costs more at this volume`,
        source: sourceText([{ id: 'prices' }], content, cloud),
        weight: 0,
        role: 'against_runner_up',
        model,
      });
      continue;
    }
    const lost = lostOn(pickOutcome, outcome, content);
    if (!lost) continue;
    const contribution = outcome.contributions.find((c) => c.rule === lost.rule);
    let reason = contribution?.effect.note ? fillNote(contribution.effect.note, values) : fillNote(lost.rule.reason, values);
    // a note that praises the runner-up ("Auto-scales") is a reason against it only beside the pick doing better there
    if (contribution?.effect.note && contribution.score > 0)
      reason = `${reason}, but ${MODEL_LABELS[pick]} ${PLURAL.has(pick) ? 'fit' : 'fits'} better here`;
    out.push({
      id: lost.rule.id,
      reason,
      source: sourceText(lost.rule.sources, content, cloud),
      weight: lost.weight,
      role: 'against_runner_up',
      model,
    });
  }
  return out;
}

/** The id "Why" gives a runner-up that tied on fit and lost on cost: the tie-break, not a rule. */
export const TIE_BREAK_RULE_ID = 'tie_break_cost';

function lostOn(pick: ModelOutcome, other: ModelOutcome, content: DecisionContent): { rule: CompiledRule; weight: number } | undefined {
  const byScore = verdictForScore(other.score, content.ruleSet.thresholds);
  if (other.capRule && other.cap && verdictRank(other.cap) > verdictRank(byScore))
    return { rule: other.capRule, weight: pick.score - other.score };
  const rules = new Set<CompiledRule>([...pick.contributions.map((c) => c.rule), ...other.contributions.map((c) => c.rule)]);
  // A rule that says something about the runner-up comes before one that only praises the pick (already in "Why"):
  // "maturing" says why not Wasm at the edge; a traffic row of a table without a Wasm column does not.
  const speaksOf = (rule: CompiledRule) => other.contributions.some((c) => c.rule === rule && (c.score !== 0 || c.effect.note));
  let best: { rule: CompiledRule; weight: number; aboutIt: boolean } | undefined;
  for (const rule of rules) {
    const weight = scoreFrom(pick, rule) - scoreFrom(other, rule);
    if (weight <= 0) continue;
    const aboutIt = speaksOf(rule);
    if (!best || (aboutIt && !best.aboutIt) || (aboutIt === best.aboutIt && weight > best.weight)) best = { rule, weight, aboutIt };
  }
  return best;
}

/** One or two sentences: why the pick, and what broke a tie or why nothing fits. */
export function summaryFor(
  evaluation: Evaluation,
  deciding: FiredRule[],
  monthly: (m: Model) => number | null,
  usdText: (n: number) => string,
): string {
  const pick = evaluation.order[0]!;
  const outcome = evaluation.outcomes[pick];
  if (outcome.verdict === 'unsuitable') {
    return `No model fits every answer: each is ruled out by a hard limit. ${capitalise(MODEL_LABELS[pick])} comes closest; see what would change the answer.`;
  }
  const top = deciding.find((r) => r.role === 'for_pick');
  const lead = `${fitsBest(pick)}: ${top ? lowerFirst(top.reason) : 'no other model does better on the answers given.'}`;
  const tie = evaluation.tie;
  if (!tie) return lead;
  const [first, second] = tie.models as [Model, Model, ...Model[]];
  const gap = Math.abs(evaluation.outcomes[first].score - evaluation.outcomes[second].score);
  const within = gap === 0 ? 'score the same' : `score within ${Math.ceil(gap)} point${Math.ceil(gap) === 1 ? '' : 's'} of each other`;
  if (tie.decidedBy === 'cost') {
    const a = monthly(first);
    const b = monthly(second);
    const costs = a !== null && b !== null ? ` (${usdText(a)} against ${usdText(b)} a month for ${MODEL_LABELS[second]})` : '';
    return `${lead} ${capitalise(listText(tie.models.map((m) => MODEL_LABELS[m])))} ${within}, a tie: ${MODEL_LABELS[first]} ${PLURAL.has(first) ? 'go' : 'goes'} first because ${PLURAL.has(first) ? 'they cost' : 'it costs'} clearly less at this volume${costs}.`;
  }
  if (tie.decidedBy === 'score') {
    const a = monthly(first);
    const others = tie.models.slice(1).map(monthly);
    const cheapestToo = a !== null && others.every((b) => b === null || a <= b);
    const b = monthly(second);
    // Cheapest of the tied models, not of all five: another model outside the tie may cost less still.
    const than = tie.models.length === 2 ? `less than ${MODEL_LABELS[second]}` : 'the least of them';
    const costs =
      a !== null && b !== null
        ? ` (${usdText(a)} against ${usdText(b)} a month${tie.models.length === 2 ? '' : ` for ${MODEL_LABELS[second]}`})`
        : '';
    return cheapestToo
      ? `${lead} ${capitalise(listText(tie.models.map((m) => MODEL_LABELS[m])))} ${within}, close enough to call a tie; ${MODEL_LABELS[first]} also ${PLURAL.has(first) ? 'cost' : 'costs'} ${than} at this volume${costs}.`
      : `${lead} ${capitalise(listText(tie.models.map((m) => MODEL_LABELS[m])))} ${within}, close enough to call a tie; their costs are within 10% of each other, so the higher score stands.`;
  }
  return `${lead} ${capitalise(listText(tie.models.map((m) => MODEL_LABELS[m])))} ${within}, a tie that cost cannot break here: ${MODEL_LABELS[first]} ${PLURAL.has(first) ? 'go' : 'goes'} first in the documented order (least lock-in first).`;
}

/** Lower-cases a sentence's first letter to follow a colon, leaving acronyms ("API", "GPU") alone. */
export function lowerFirst(text: string): string {
  return /^[A-Z](?![A-Z0-9])/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "a, b and c" */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
