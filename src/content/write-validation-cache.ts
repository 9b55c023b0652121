import { readFileSync } from 'node:fs';
import { defaultInterviewPath, PROMPTS_FILE, validateInterviewScript } from './load-prompts.js';
import { readRuleTexts, validateRuleTexts } from './load-rules.js';
import { CACHE_PATH, cacheKey, writeValidationCache } from './validated-cache.js';

/**
 * The build's last step (`npm run build`): validates the shipped rules and prompts and caches the result for start-up.
 * Broken content fails the build here, with the same one-line-per-problem message start-up would print.
 */
const ruleTexts = readRuleTexts();
const promptsText = readFileSync(defaultInterviewPath(), 'utf8');
writeValidationCache({
  rules: { key: cacheKey(ruleTexts), data: validateRuleTexts(ruleTexts) },
  prompts: { key: cacheKey({ [PROMPTS_FILE]: promptsText }), data: validateInterviewScript(promptsText, 'prompts/interview.yaml') },
});
console.log(`validated rules and prompts cached in ${CACHE_PATH}`);
