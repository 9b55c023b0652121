import Module, { createRequire } from 'node:module';
import type * as Bolt from '@slack/bolt';

/**
 * The Bolt values this app uses, loaded from the modules that define them instead of Bolt's index. The index also
 * loads the Express and AWS Lambda receivers with Express, body-parser and qs, which this app never uses. Types still
 * come from '@slack/bolt'; test/slack/bolt.test.ts checks that each value here is the very one the index exports, so
 * a Bolt release that moves them fails there. Start-up figures: docs/PERFORMANCE.md.
 */
const boltRequire = createRequire(createRequire(import.meta.url).resolve('@slack/bolt'));

/**
 * Bolt's App module requires its Socket Mode receiver, and with it @slack/socket-mode and undici, even for an app on
 * the HTTP receiver: about 60 ms of start-up. Until something reads from it, the package is a stand-in in the module
 * cache whose first property read loads the real one; Bolt reads it only to build a Socket Mode receiver.
 */
function deferSocketModePackage(): void {
  const id = boltRequire.resolve('@slack/socket-mode');
  if (boltRequire.cache[id]) return;
  let loaded: object | undefined;
  const real = (): object => {
    if (!loaded) {
      delete boltRequire.cache[id];
      loaded = boltRequire(id) as object;
    }
    return loaded;
  };
  const standIn = new Module(id);
  standIn.filename = id;
  standIn.loaded = true;
  standIn.exports = new Proxy({}, { get: (_target, key) => Reflect.get(real(), key), has: (_target, key) => Reflect.has(real(), key) });
  boltRequire.cache[id] = standIn;
}

deferSocketModePackage();

export const App = (boltRequire('./App') as { default: typeof Bolt.App }).default;
export const HTTPReceiver = (boltRequire('./receivers/HTTPReceiver') as { default: typeof Bolt.HTTPReceiver }).default;
export const { AuthorizationError } = boltRequire('./errors') as Pick<typeof Bolt, 'AuthorizationError'>;
// Bolt's own copies, resolved from its folder: the client and log levels Bolt itself uses
export const { LogLevel } = boltRequire('@slack/logger') as Pick<typeof Bolt, 'LogLevel'>;
export const { WebClient } = boltRequire('@slack/web-api') as Pick<typeof Bolt.webApi, 'WebClient'>;

export type App = Bolt.App;
export type HTTPReceiver = Bolt.HTTPReceiver;
export type WebClient = Bolt.webApi.WebClient;
