import type { SlackClient, SlackDeps } from './slack-deps.js';
import { callSlack } from './slack-post.js';

/**
 * Who may change channel settings: users on ADMIN_USER_IDS, and workspace admins and owners as users.info reports
 * them. If users.info fails the answer is no (fail closed).
 */
export async function isSlackAdmin(deps: SlackDeps, client: SlackClient, userId: string): Promise<boolean> {
  if (deps.adminUserIds.has(userId)) return true;
  const result = await callSlack(deps, 'users.info', { userId }, () => client.users.info({ user: userId }));
  if (!result.ok) return false;
  const user = result.value.user;
  return Boolean(user && (user.is_admin || user.is_owner || user.is_primary_owner));
}
