/** The five compute models, in the documented tie-break order (see rules/rules.yaml). */
export const MODELS = ['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge'] as const;
export type Model = (typeof MODELS)[number];

/** Verdicts from best to worst. */
export const VERDICTS = ['optimal', 'good', 'caution', 'unsuitable'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const MODEL_LABELS: Record<Model, string> = {
  vm: 'virtual machines',
  containers: 'containers',
  serverless_containers: 'serverless containers',
  faas: 'functions (FaaS)',
  wasm_edge: 'WebAssembly at the edge',
};

/** 0 is best. */
export function verdictRank(verdict: Verdict): number {
  return VERDICTS.indexOf(verdict);
}
