import { Agent, request } from 'node:http';
import { monoMs } from './clock.js';

/**
 * POSTs over keep-alive connections (as Slack and the Bot Connector hold them open), resolving with the time from
 * sending to the end of the response: the acknowledgement time the platform sees.
 */
export class TimedPoster {
  private readonly agent = new Agent({ keepAlive: true, keepAliveMsecs: 1000 });

  constructor(private readonly port: number) {}

  post(path: string, body: string, headers: Record<string, string>): Promise<{ ms: number; status: number }> {
    const started = monoMs();
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          path,
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ ms: monoMs() - started, status: res.statusCode ?? 0 }));
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('no response in 10 s')));
      // A keep-alive socket the server closed just as it was reused: send again on a fresh one (not a server failure).
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (req.reusedSocket && error.code === 'ECONNRESET') this.post(path, body, headers).then(resolve, reject);
        else reject(error);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
