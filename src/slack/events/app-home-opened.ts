import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import { callSlack } from '../slack-post.js';
import { homeView } from '../views/home-view.js';

/** Publishes the Home tab each time it is opened (views.publish is idempotent, so no dedupe is needed). */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const workspaceId = (body as { team_id?: string }).team_id ?? '';
    const view = await homeView(deps, workspaceId, event.user);
    await callSlack(deps, 'views.publish', { userId: event.user }, () => client.views.publish({ user_id: event.user, view }));
  });
}
