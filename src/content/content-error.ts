/** Shipped or user-supplied content (rules, prices, prompts, profiles) failed validation. */
export class ContentError extends Error {
  readonly code = 'content_invalid';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}
