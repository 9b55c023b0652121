import { escapeMarkdown } from './escape.js';
import { SECTION_TITLES, type RecommendationView } from './recommendation-view.js';

const md = escapeMarkdown;

function bulletList(items: string[]): string[] {
  return items.map((item) => `- ${item}`);
}

/**
 * GitHub Markdown (`compute-advice evaluate --markdown`, CI comments). Every string from the view is escaped,
 * so a workload name cannot add links, HTML, table cells or @-mentions.
 */
export function renderMarkdown(view: RecommendationView): string {
  const out: string[] = [];
  out.push(`## ${md(view.title)}`, '');
  out.push(`**${md(view.headline)}**`, '');
  if (view.summary) out.push(md(view.summary), '');
  if (view.decision) out.push(`✔ ${md(view.decision.text)}`, '');
  if (view.warnings.length > 0) out.push(`### ${SECTION_TITLES.warnings}`, '', ...bulletList(view.warnings.map(md)), '');

  out.push(`### ${SECTION_TITLES.verdicts}`, '');
  out.push('| | Model | Verdict | Reason |', '|---|---|---|---|');
  for (const v of view.verdicts) {
    const label = v.recommended ? `**${md(v.label)}**` : md(v.label);
    const links = v.links.map((link) => `[${md(link.title)}](${link.url})`).join(' · ');
    out.push(`| ${v.icon} | ${label} | ${md(v.verdict)} | ${md(v.reason)}${links ? `${v.reason ? '<br>' : ''}${links}` : ''} |`);
  }
  out.push('');

  if (view.why.length > 0) {
    out.push(`### ${SECTION_TITLES.why}`, '');
    out.push(...bulletList(view.why.map((w) => (w.source ? `${md(w.text)} _(source: ${md(w.source)})_` : md(w.text)))));
    out.push('');
  }

  out.push(`### ${SECTION_TITLES.cost}`, '');
  if (view.cost.rows.length > 0) {
    out.push('| Model | A month | Commitment / spot | How it was sized |', '|---|---:|---|---|');
    for (const row of view.cost.rows) out.push(`| ${md(row.label)} | ${md(row.monthly)} | ${md(row.alternatives)} | ${md(row.basis)} |`);
    out.push('');
  }
  out.push(...bulletList(view.cost.notes.map(md)), '');

  if (view.coldStartAdvice.length > 0) {
    out.push(`### ${SECTION_TITLES.coldStart}`, '', ...bulletList(view.coldStartAdvice.map(md)), '');
  }

  out.push(`### ${SECTION_TITLES.whatWouldChange}`, '', ...bulletList(view.whatWouldChange.map(md)), '');
  out.push(`### ${SECTION_TITLES.basedOn}`, '', md(view.basedOn.join(' · ')), '');
  out.push('---', '', `<sub>${md(view.footer.text)}</sub>`);
  return `${out.join('\n')}\n`;
}
