/**
 * An API with steady traffic, one typed answer per question in the interview's order (choices by number, label or
 * value; numbers with units): what a person types into `compute-advice interview`, and what the app-layer tests answer.
 */
export const STEADY_API_ANSWERS: readonly string[] = [
  'api',
  'aws',
  'stateless',
  'steady',
  'about 40 req/s',
  '200ms',
  '500ms',
  '512mb',
  '1',
  '1',
  'node',
  'basic',
  'none',
  'no',
  'no',
  'no',
];
