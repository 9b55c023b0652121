const MESSAGE_ID = ';messageid=';

/**
 * A link that opens the review's thread in the platform's web client, or null where there is none (the terminal, the
 * playground, a Teams chat without a reply chain). Every part is URL-encoded: ids come from the platform, not people.
 */
export function threadLink(review: { platform: string; workspaceId: string; channelId: string; threadRef: string | null }): string | null {
  const { platform, workspaceId, channelId, threadRef } = review;
  if (!threadRef) return null;
  if (platform === 'slack') {
    if (!workspaceId || !/^\d+\.\d+$/.test(threadRef)) return null;
    const channel = encodeURIComponent(channelId);
    return `https://app.slack.com/client/${encodeURIComponent(workspaceId)}/${channel}/thread/${channel}-${threadRef}`;
  }
  if (platform === 'teams') {
    const at = threadRef.indexOf(MESSAGE_ID);
    if (at < 0) return null;
    const conversation = threadRef.slice(0, at);
    const messageId = threadRef.slice(at + MESSAGE_ID.length);
    if (!/^\d+$/.test(messageId)) return null;
    const query = new URLSearchParams({ parentMessageId: messageId, ...(workspaceId ? { tenantId: workspaceId } : {}) });
    return `https://teams.microsoft.com/l/message/${encodeURIComponent(conversation)}/${messageId}?${query.toString()}`;
  }
  return null;
}
