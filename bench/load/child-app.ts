import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Runs bench/load/app-under-test in a child process and watches its memory from outside (/proc/<pid>/status). */

export interface AppStats {
  peakRssMb: number;
  sampledPeakMb: number;
  /** User + system CPU time of the whole process from ready to stop (ms): start-up excluded. */
  cpuMs: number;
  /** The app's event-loop delay while it ran (ms). */
  loopDelay: { p99: number; max: number };
  /** process.memoryUsage() at the largest RSS the app saw in itself (50 ms samples). */
  atPeak: MemoryAtPeak;
  /** V8 heap in use after the run and a full GC (MB). */
  retainedHeapMb: number;
}

export interface MemoryAtPeak {
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
}

interface ChildStats {
  loopDelay: { p99: number; max: number };
  atPeak: MemoryAtPeak;
  retainedHeapMb: number;
}

const NO_STATS: ChildStats = {
  loopDelay: { p99: NaN, max: NaN },
  atPeak: { rssMb: NaN, heapTotalMb: NaN, heapUsedMb: NaN, externalMb: NaN },
  retainedHeapMb: NaN,
};

export interface AppUnderTest {
  pid: number;
  slackPort: number | null;
  teamsPort: number | null;
  /** Largest VmRSS seen by the 50 ms sampler since start (MB). */
  sampledPeakMb(): number;
  /** Stops the child; returns its VmHWM (the kernel's peak RSS over its whole life, MB) read just before, its CPU time and event-loop delay. */
  stop(): Promise<AppStats>;
}

const APP_SCRIPT = fileURLToPath(new URL('./app-under-test.js', import.meta.url));

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
export function cpuTimeMs(pid: number): number {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // not Linux, or already gone
  }
}

/**
 * `nodeFlags`: the app's node flags (the load bench gives ours those of `npm start`, and by default the bare apps
 * the same).
 */
export async function startAppUnderTest(
  args: string[],
  options: { nodeFlags: readonly string[]; env?: NodeJS.ProcessEnv },
): Promise<AppUnderTest> {
  // stdout (the app's pino log) goes to /dev/null: written, as in production, but not read by the load generator
  // --expose-gc only lets the app force one full GC when it stops, to report what it still holds
  const child: ChildProcess = fork(APP_SCRIPT, args, {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...options.env },
    execArgv: ['--expose-gc', ...options.nodeFlags],
  });
  const pid = child.pid as number;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, statusField(pid, 'VmRSS'));
  }, 50);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ slackPort: number | null; teamsPort: number | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app-under-test ${args.join(' ')} not ready in 30 s`)), 30_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as { slackPort: number | null; teamsPort: number | null });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app-under-test ${args.join(' ')} exited with ${code} before it was ready`));
    });
  }).catch((error: unknown) => {
    clearInterval(sampler);
    child.kill('SIGKILL');
    throw error;
  });
  const cpuAtReady = cpuTimeMs(pid);
  return {
    pid,
    slackPort: ready.slackPort,
    teamsPort: ready.teamsPort,
    sampledPeakMb: () => peak,
    async stop() {
      clearInterval(sampler);
      const peakRssMb = statusField(pid, 'VmHWM');
      const cpuMs = cpuTimeMs(pid) - cpuAtReady;
      const reported = new Promise<ChildStats>((resolve) => {
        child.on('message', (m: { type?: string } & ChildStats) => {
          if (m.type === 'stats') resolve({ loopDelay: m.loopDelay, atPeak: m.atPeak, retainedHeapMb: m.retainedHeapMb });
        });
        child.once('exit', () => resolve(NO_STATS));
      });
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const stats = await reported;
      await exited;
      clearTimeout(timer);
      return { peakRssMb, sampledPeakMb: peak, cpuMs, ...stats };
    },
  };
}
