/** Words that mark a message as a design proposal, unless a channel sets its own list. */
export const DEFAULT_DESIGN_KEYWORDS: readonly string[] = ['design', 'proposal', 'RFC', 'architecture', 'ADR', 'new service', 'design doc'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when text contains one of the keywords as a whole word or phrase, ignoring case ("RFC-12" counts, "redesigned" does not). */
export function looksLikeDesignProposal(text: string, keywords: readonly string[] | null | undefined): boolean {
  const list = keywords && keywords.length > 0 ? keywords : DEFAULT_DESIGN_KEYWORDS;
  return list.some((keyword) => {
    const words = keyword.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
    if (words.length === 0) return false;
    return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu').test(text);
  });
}
