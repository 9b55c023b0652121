/**
 * How long the benches' fake Slack Web API and fake Bot Connector keep an idle connection open (their
 * `keepAliveTimeout`). It must be well over 1 s: Node's client agent will not reuse a connection whose server
 * announces `Keep-Alive: timeout=1` (it keeps a 1 s margin, which leaves nothing), so each call would pay a TCP
 * handshake and close in the app, which a real platform API's long-lived connections do not cost.
 */
export const FAKE_API_KEEP_ALIVE_MS = 10_000;
