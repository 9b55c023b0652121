/**
 * The measured process of the load bench, run as a child so its RSS is its own and the load generator and fake
 * platforms never share its event loop:
 *
 *   node dist/bench/load/app-under-test.js --kind ours|bare|bare-bolt|bare-bot [--platforms slack|teams|both]
 *        --slack-api-url <url> [--db <path>]
 *
 * - ours: composed like src/main.ts (migrated SQLite with background checkpoints, digest store and scheduler, the Slack
 *   HTTP receiver and/or the Teams endpoint, pino at info, to stdout). main.ts itself runs
 *   Teams with auth off only in local mode, and needs real tokens for Teams beside Slack, hence this composition.
 *   auth.test is called at start, as in production (the fake answers it).
 * - bare-bolt: a Bolt app that acks and posts one message per request (so answer-to-next can be timed).
 * - bare-bot: a botbuilder CloudAdapter + ActivityHandler echo bot on node:http.
 * - bare --platforms both: the two in one process, the baseline for ours serving both platforms.
 *
 * Tells the parent `{type:'ready', slackPort, teamsPort}` over IPC; on 'stop' reports its event-loop delay, shuts down
 * and exits.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { StartedApp } from './app-kinds.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// Each kind imports only its own modules, so a bare app's RSS holds no compute-advice code (nor botbuilder in Bolt's).
const kind = arg('kind');
const apiUrl = arg('slack-api-url') ?? 'http://127.0.0.1:9/api/';
let started: StartedApp;
if (kind === 'ours') started = await (await import('./ours-app.js')).startOurs(arg('platforms') ?? 'both', apiUrl, arg('db') ?? ':memory:');
else if (kind === 'bare-bolt' || kind === 'bare-bot' || kind === 'bare') {
  const platforms = kind === 'bare-bolt' ? 'slack' : kind === 'bare-bot' ? 'teams' : (arg('platforms') ?? 'both');
  const bolt = platforms !== 'teams' ? await (await import('./bare-bolt-app.js')).startBareBolt(apiUrl) : undefined;
  const bot = platforms !== 'slack' ? await (await import('./bare-bot-app.js')).startBareBot() : undefined;
  started = {
    slackPort: bolt?.slackPort ?? null,
    teamsPort: bot?.teamsPort ?? null,
    stop: async () => {
      await bolt?.stop();
      await bot?.stop();
    },
  };
} else {
  process.stderr.write(
    'usage: app-under-test.js --kind ours|bare|bare-bolt|bare-bot [--platforms slack|teams|both] --slack-api-url <url> [--db <path>]\n',
  );
  process.exit(2);
}

// How long callbacks waited for the event loop: what delays acks inside the app, whatever the cause.
const LOOP_RESOLUTION_MS = 5;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loopDelay.enable();
// Where the peak RSS goes (V8 heap vs the rest), sampled every 50 ms; the parent reads VmHWM for the peak itself.
const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) Object.assign(peak, { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external });
}, 50);
sampler.unref();

process.on('message', async (message) => {
  if (message !== 'stop') return;
  loopDelay.disable();
  clearInterval(sampler);
  // Started with --expose-gc: what the heap still holds once the run's garbage is gone (a leak would show here).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const retainedHeapMb = gc ? process.memoryUsage().heapUsed / 1048576 : NaN;
  const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS); // the histogram counts the sampling interval too
  const mb = (bytes: number) => bytes / 1048576;
  process.send?.({
    type: 'stats',
    loopDelay: { p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
    atPeak: { rssMb: mb(peak.rss), heapTotalMb: mb(peak.heapTotal), heapUsedMb: mb(peak.heapUsed), externalMb: mb(peak.external) },
    retainedHeapMb,
  });
  void started.stop().finally(() => process.exit(0));
});
process.send?.({ type: 'ready', slackPort: started.slackPort ?? null, teamsPort: started.teamsPort ?? null });
