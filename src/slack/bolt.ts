import { createRequire } from 'node:module';
import type * as Bolt from '@slack/bolt';

/**
 * The Bolt values this app uses, loaded from the modules that define them instead of Bolt's index. The index also
 * loads the Express and AWS Lambda receivers with Express, body-parser and qs, which this app never uses: about a
 * third of Bolt's load time (docs/PERFORMANCE.md). Types still come from '@slack/bolt'; test/slack/bolt.test.ts
 * checks that each value here is the very one the index exports, so a Bolt release that moves them fails there.
 */
const boltRequire = createRequire(createRequire(import.meta.url).resolve('@slack/bolt'));

export const App = (boltRequire('./App') as { default: typeof Bolt.App }).default;
export const HTTPReceiver = (boltRequire('./receivers/HTTPReceiver') as { default: typeof Bolt.HTTPReceiver }).default;
export const { AuthorizationError } = boltRequire('./errors') as Pick<typeof Bolt, 'AuthorizationError'>;
// Bolt's own copies, resolved from its folder: the client and log levels Bolt itself uses
export const { LogLevel } = boltRequire('@slack/logger') as Pick<typeof Bolt, 'LogLevel'>;
export const { WebClient } = boltRequire('@slack/web-api') as Pick<typeof Bolt.webApi, 'WebClient'>;
export type App = Bolt.App;
export type HTTPReceiver = Bolt.HTTPReceiver;
export type WebClient = Bolt.webApi.WebClient;
