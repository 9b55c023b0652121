import { createRequire } from 'node:module';
import type { RecordStatus, ReviewRecord } from '../app/review-record.js';
import { MODEL_LABELS, type Model, type Verdict } from '../core/models.js';
import type { Recommendation } from '../core/recommendation.js';
import { cleanInline, escapeMarkdown } from './escape.js';
import { toRecommendationView, type CostRow, type RecommendationView } from './recommendation-view.js';
import { threadLink } from './thread-link.js';

// Loaded on first use: the bot starts without the YAML library, which only the record's front matter needs.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = () => (yamlModule ??= require('yaml') as typeof import('yaml'));

const md = escapeMarkdown;

/** The MADR 4.0 sections, in the order of the adr/madr template (template/adr-template.md at tag 4.0.0). */
export const MADR_SECTIONS = {
  context: 'Context and Problem Statement',
  drivers: 'Decision Drivers',
  options: 'Considered Options',
  outcome: 'Decision Outcome',
  consequences: 'Consequences',
  confirmation: 'Confirmation',
  prosAndCons: 'Pros and Cons of the Options',
  moreInformation: 'More Information',
} as const;

const PLATFORM_NAMES: Record<string, string> = { slack: 'Slack', teams: 'Microsoft Teams', cli: 'the terminal', local: 'the playground' };

/**
 * A review as a MADR 4.0 architecture decision record (Markdown with YAML front matter), following the adr/madr
 * template. Every piece of user or rule text is escaped, so a workload name or a note cannot add headings, links,
 * HTML or mentions; the front matter is written by a YAML library, so names cannot add keys.
 */
export function renderMadr(record: ReviewRecord): string {
  const rec = record.recommendation?.result;
  const view = rec
    ? toRecommendationView(rec, { reviewId: record.id, workloadName: record.name, recommendationId: record.recommendation?.id })
    : null;
  const decision = record.decisions.at(-1) ?? null;
  const name = (id: string) => cleanInline(record.people[id] ?? id) || id;
  const out: string[] = [frontMatter(record, name), ''];

  const chosen: Model | null = decision?.model ?? rec?.recommended ?? null;
  out.push(`# ${chosen ? `Run ${md(record.name)} on ${MODEL_LABELS[chosen]}` : `Where to run ${md(record.name)}`}`, '');

  out.push(`## ${MADR_SECTIONS.context}`, '');
  out.push(
    `Where should ${md(record.name)} run: on virtual machines, containers, serverless containers, functions (FaaS) or WebAssembly at the edge? ` +
      `${md(name(record.requesterId))} asked for a compute review in ${PLATFORM_NAMES[record.platform] ?? md(record.platform)} on ${day(record.createdAt)}.`,
    '',
  );
  if (view) {
    out.push(`The workload as the review understood it: ${md(view.basedOn.join(' · '))}.`, '');
    if (view.warnings.length > 0)
      out.push('Answers to check, as they contradict each other or the platforms:', '', ...bullets(view.warnings.map(md)), '');
  } else {
    out.push(`The review is ${record.status.replace('_', ' ')} and has no recommendation yet.`, '');
  }

  out.push(`## ${MADR_SECTIONS.drivers}`, '');
  out.push(...(view && rec ? bullets(drivers(record, view)) : ['* None yet: the interview has not finished.']), '');

  out.push(`## ${MADR_SECTIONS.options}`, '');
  out.push(...bullets((view?.verdicts.map((v) => v.model) ?? MODEL_ORDER).map((m) => MODEL_LABELS[m])), '');

  out.push(`## ${MADR_SECTIONS.outcome}`, '');
  if (view && rec) {
    out.push(...outcome(record, view, rec, name), '');
    out.push(`### ${MADR_SECTIONS.consequences}`, '', ...bullets(consequences(view, rec, chosen!)), '');
    out.push(`### ${MADR_SECTIONS.confirmation}`, '');
    out.push('Review this decision again when any of these changes, as each would change the recommendation:', '');
    out.push(...bullets(view.whatWouldChange.map(md)), '');
    out.push(`## ${MADR_SECTIONS.prosAndCons}`, '');
    for (const verdict of view.verdicts) out.push(...prosAndCons(verdict.model, view, rec, chosen!), '');
  } else {
    out.push('None yet: the interview has not finished.', '');
  }

  out.push(`## ${MADR_SECTIONS.moreInformation}`, '', ...bullets(moreInformation(record, view, name)), '');
  return `${out.join('\n').trimEnd()}\n`;
}

const MODEL_ORDER: Model[] = ['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge'];

function bullets(items: string[]): string[] {
  return items.map((item) => `* ${item}`);
}

/** YYYY-MM-DD of an ISO time. */
function day(isoTime: string): string {
  return isoTime.slice(0, 10);
}

function frontMatter(record: ReviewRecord, name: (id: string) => string): string {
  const deciders = unique([...record.decisions.map((d) => d.decidedBy), ...record.approvers.map((a) => a.approverId)]);
  const decisionMakers = deciders.length > 0 ? deciders : [record.requesterId];
  const answeredBy = unique([record.requesterId, ...record.answers.flatMap((a) => a.history.map((h) => h.actor))]);
  const consulted = answeredBy.filter((id) => !decisionMakers.includes(id));
  const informed = record.participants.map((p) => p.userId).filter((id) => !decisionMakers.includes(id) && !consulted.includes(id));
  const fields: Record<string, unknown> = {
    status: statusText(record.recordStatus, record.supersededBy),
    date: day(record.decisions.at(-1)?.at ?? record.recommendation?.createdAt ?? record.updatedAt),
    'decision-makers': decisionMakers.map(name),
    consulted: consulted.map(name),
    informed: informed.map(name),
  };
  return `---\n${yaml().stringify(fields)}---`;
}

/** MADR writes a superseded record's status as "superseded by ADR-…"; here the successor is a review id. */
function statusText(status: RecordStatus, supersededBy: string | null): string {
  return status === 'superseded' && supersededBy ? `superseded by ${supersededBy}` : status;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** Each deciding reason with the answers it rests on. */
function drivers(record: ReviewRecord, view: RecommendationView): string[] {
  return view.why.map((why) => {
    const questionIds = record.decidingAnswers.find((d) => d.ruleId === why.ruleId)?.questionIds ?? [];
    const answers = questionIds.flatMap((id) => {
      const answer = record.answers.find((a) => a.questionId === id);
      return answer ? [`${md(answer.question)} ${md(answer.label)}`] : [];
    });
    const source = why.source ? ` _(source: ${md(why.source)})_` : '';
    return answers.length > 0 ? `${md(why.text)} — from the answers: ${answers.join('; ')}${source}` : `${md(why.text)}${source}`;
  });
}

function outcome(record: ReviewRecord, view: RecommendationView, rec: Recommendation, name: (id: string) => string): string[] {
  const decision = record.decisions.at(-1);
  const recommended = MODEL_LABELS[rec.recommended];
  const lines: string[] = [];
  if (!decision) {
    lines.push(`Chosen option: "${recommended}", as recommended (no decision is recorded yet), because ${md(lowerFirst(view.summary))}`);
  } else if (decision.model === rec.recommended) {
    lines.push(
      `Chosen option: "${MODEL_LABELS[decision.model]}", recorded by ${md(name(decision.decidedBy))} on ${day(decision.at)}, as recommended, because ${md(lowerFirst(view.summary))}`,
    );
  } else {
    const verdict = rec.verdicts[decision.model];
    lines.push(
      `Chosen option: "${MODEL_LABELS[decision.model]}", recorded by ${md(name(decision.decidedBy))} on ${day(decision.at)}` +
        `${decision.againstAdvice ? ' against the advice' : ''}: the review rated it ${verdict} and recommended "${recommended}", because ${md(lowerFirst(view.summary))}`,
    );
  }
  if (decision?.note) lines.push('', `Decision note: ${md(decision.note)}`);
  if (view.why.length > 0) {
    lines.push('', 'The reasons for the recommendation:', '');
    lines.push(...bullets(view.why.map((w) => (w.source ? `${md(w.text)} _(source: ${md(w.source)})_` : md(w.text)))));
  }
  return lines;
}

function lowerFirst(text: string): string {
  return /^[A-Z](?![A-Z0-9])/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * A model's reasons as MADR arguments. The engine puts the decisive reason first, on the verdict's side (a strength
 * for a good verdict, a drawback for a poor one); the rest may weigh either way, so they are listed as weighed.
 */
function argumentsFor(model: Model, verdict: Verdict, rec: Recommendation): string[] {
  return reasonsOf(model, rec).map((reason, i) =>
    i === 0
      ? `${verdict === 'optimal' || verdict === 'good' ? 'Good' : 'Bad'}, because ${md(lowerFirst(reason))}`
      : `Also weighed: ${md(reason)}`,
  );
}

function reasonsOf(model: Model, rec: Recommendation): string[] {
  return rec.ranking.find((r) => r.model === model)?.reasons ?? [];
}

function costText(row: CostRow | undefined): string | null {
  if (!row) return null;
  if (!row.priced) return row.runnable ? `no cost figure: ${md(row.basis)}` : `it cannot run the workload: ${md(row.basis)}`;
  const alternatives = row.alternatives ? ` (${md(row.alternatives)})` : '';
  return `about ${md(row.monthly)} a month at list prices${alternatives}`;
}

function consequences(view: RecommendationView, rec: Recommendation, chosen: Model): string[] {
  const lines = argumentsFor(chosen, rec.verdicts[chosen], rec);
  const cost = costText(view.cost.rows.find((r) => r.model === chosen));
  if (cost) lines.push(`Neutral, because it costs ${cost}`);
  lines.push(...view.coldStartAdvice.map((advice) => `Cold starts: ${md(advice)}`));
  return lines.length > 0 ? lines : ['Neutral, because the rules gave no further reason'];
}

function prosAndCons(model: Model, view: RecommendationView, rec: Recommendation, chosen: Model): string[] {
  const line = view.verdicts.find((v) => v.model === model)!;
  const marks = [line.recommended ? 'recommended' : '', model === chosen && !line.recommended ? 'chosen' : ''].filter(Boolean);
  const cost = costText(view.cost.rows.find((r) => r.model === model));
  const description = `Verdict: ${line.icon} ${line.verdict}${marks.length > 0 ? ` (${marks.join(', ')})` : ''}.${cost ? ` Cost: ${cost}.` : ''}`;
  const items = argumentsFor(model, line.verdict, rec);
  // The one reason a runner-up lost, when the engine's reasons for it did not say it already.
  for (const fired of rec.decidingRules) {
    if (fired.role === 'against_runner_up' && fired.model === model && !reasonsOf(model, rec).includes(fired.reason)) {
      items.push(`Bad, because ${md(lowerFirst(fired.reason))}`);
    }
  }
  return [
    `### ${MODEL_LABELS[model]}`,
    '',
    description,
    '',
    ...bullets(items.length > 0 ? items : ['Neutral, because no rule spoke for or against it']),
  ];
}

function moreInformation(record: ReviewRecord, view: RecommendationView | null, name: (id: string) => string): string[] {
  const lines: string[] = [];
  if (view) lines.push(`Rules version: ${md(view.footer.rulesVersion)}`);
  lines.push(`Review id: ${md(record.id)}`);
  const link = threadLink(record);
  lines.push(link ? `Thread: <${link}>` : `Thread: none (the review ran in ${PLATFORM_NAMES[record.platform] ?? md(record.platform)})`);
  lines.push(`Requested by ${md(name(record.requesterId))} on ${day(record.createdAt)}`);
  if (record.completedAt) lines.push(`Interview completed on ${day(record.completedAt)}`);
  if (record.recommendation) lines.push(`Recommendation computed on ${day(record.recommendation.createdAt)}`);
  for (const d of record.decisions) {
    lines.push(
      `Decision recorded on ${day(d.at)} by ${md(name(d.decidedBy))}: ${MODEL_LABELS[d.model]}${d.againstAdvice ? ' (against the advice)' : ''}${d.note ? `, note: ${md(d.note)}` : ''}`,
    );
  }
  lines.push(signOffLine(record, name));
  if (record.supersedes) lines.push(`Supersedes the earlier review ${md(record.supersedes)} of the same workload`);
  if (record.supersededBy) lines.push(`Superseded by the later review ${md(record.supersededBy)} of the same workload`);
  if (view) lines.push(...view.cost.notes.map((note) => `Cost figures: ${md(note)}`));
  return lines;
}

function signOffLine(record: ReviewRecord, name: (id: string) => string): string {
  if (record.approvers.length === 0) return 'Sign-off: not requested';
  const stands = record.approvers.map(
    (a) =>
      `${md(name(a.approverId))} ${a.action === 'approved' ? 'approved' : a.action === 'changes_requested' ? 'requested changes' : 'has not signed off yet'}`,
  );
  const given = record.signOffs.map(
    (s) =>
      `${md(name(s.approverId))} ${s.action === 'approved' ? 'approved' : 'requested changes'} on ${day(s.at)}${s.note ? ` (${md(s.note)})` : ''}${s.lapsed ? ', lapsed when an answer changed' : ''}`,
  );
  return `Sign-off (${SIGN_OFF_WORDS[record.signOff]}): ${stands.join('; ')}${given.length > 0 ? `. History: ${given.join('; ')}` : ''}`;
}

const SIGN_OFF_WORDS: Record<ReviewRecord['signOff'], string> = {
  not_requested: 'not requested',
  pending: 'pending',
  approved: 'approved',
  changes_requested: 'changes requested',
};
