import { customAnswerProblems } from './custom-answers.js';
import type { DecisionContent } from './decision-content.js';
import { formatIssues } from './format-issues.js';
import type { Lens } from './lens.js';
import { MODELS, type Model } from './models.js';
import { parseProfile } from './profile.js';
import { recommend } from './recommend.js';
import type { Recommendation } from './recommendation.js';

/** One case of a lens's `tests`, run against the content with every lens applied: what differed, if anything. */
export interface LensTestResult {
  lens: string;
  name: string;
  /** Empty when the case passed; otherwise one line per difference (or per problem with its profile). */
  failures: string[];
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Runs every lens's tests, in lens order; a case whose profile is invalid fails with what is wrong with it. */
export function runLensTests(content: DecisionContent, lenses: readonly Lens[]): LensTestResult[] {
  const questions = content.lenses?.questions ?? [];
  return lenses.flatMap((lens) =>
    lens.tests.map((test, index) => {
      const where = `tests[${index}].profile`;
      const failures: string[] = [];
      const parsed = parseProfile({ name: test.name, ...test.profile }, content.lenses?.defaults);
      if (!parsed.success) return { lens: lens.name, name: test.name, failures: formatIssues(parsed.error, where, 'brackets') };
      failures.push(...customAnswerProblems(parsed.data.custom, questions, `${where}.custom`));
      if (failures.length > 0) return { lens: lens.name, name: test.name, failures };
      const rec = recommend(content, parsed.data, { defaulted: parsed.defaulted });
      const { recommended, verdicts } = test.expect;
      if (recommended !== undefined && !list(recommended).includes(rec.recommended))
        failures.push(`recommended ${rec.recommended}, expected ${list(recommended).join(' or ')}`);
      for (const model of MODELS) {
        const wanted = verdicts?.[model];
        if (wanted !== undefined && !list(wanted).includes(rec.verdicts[model]))
          failures.push(`${model} is ${rec.verdicts[model]}, expected ${list(wanted).join(' or ')}${reasonOf(rec, model)}`);
      }
      return { lens: lens.name, name: test.name, failures };
    }),
  );
}

function reasonOf(rec: Recommendation, model: Model): string {
  const reason = rec.ranking.find((r) => r.model === model)?.reasons[0];
  return reason ? ` (${reason})` : '';
}
