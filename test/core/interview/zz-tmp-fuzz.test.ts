import fc from 'fast-check';
import { it, expect } from 'vitest';
import { loadInterviewScript } from '../../../src/content/load-prompts.js';
import { parseAnswer } from '../../../src/core/interview/answer-parser.js';
import { profileFieldInfo } from '../../../src/core/interview/profile-fields.js';
const script = loadInterviewScript();
it('fuzz big', () => {
  fc.assert(fc.property(fc.constantFrom(...script.questions), fc.oneof(fc.string({maxLength: 500}), fc.string({unit:'binary', maxLength: 200}), fc.array(fc.constantFrom('1','0','.',',','-','k','m','s','h','x',':','/','per','a','day','every','min',' ','and','to','gb','~','about','half','an'), {maxLength: 30}).map(a=>a.join(''))), (q, raw) => {
    const r = parseAnswer(q, raw);
    if (r.ok) expect(profileFieldInfo(q.field)!.schema.safeParse(r.value).success).toBe(true);
  }), { numRuns: 100000 });
});
it('timing worst', () => {
  const t = Date.now();
  for (const q of script.questions) for (const raw of ['1'.repeat(500), '1 '.repeat(250), '1-'.repeat(250), 'a '.repeat(250), '1h'.repeat(250), 'every '.repeat(80), '1,'.repeat(250), 'x'.repeat(500)]) parseAnswer(q, raw);
  console.log('ms', Date.now() - t);
});
