import { CLOUD_LABELS } from '../core/clouds.js';
import { count, duration, megabytes, trim } from '../core/format.js';
import { RUNTIME_LABELS } from '../core/profile.js';
import type { Recommendation } from '../core/recommendation.js';
import { REQUEST_DRIVEN_KINDS } from '../core/workload-demand.js';

const KINDS: Record<string, string> = {
  api: 'API',
  web_app: 'web app',
  event_processing: 'event processing',
  batch_job: 'batch job',
  stream_processing: 'stream processing',
  database: 'database',
  ml_training: 'ML training',
  ml_inference: 'ML inference',
  dev_tooling: 'developer tooling',
  legacy_app: 'legacy app',
  other: 'other workload',
};
const STATES: Record<string, string> = {
  external_store: 'state in an external store',
  in_memory_session: 'session state in memory',
  local_persistent: 'data on local disk',
};
const OS: Record<string, string> = { specific_linux: 'a specific Linux', windows: 'Windows Server', custom_kernel: 'a custom kernel' };
const HARDWARE: Record<string, string> = { gpu: 'GPU', local_nvme: 'local NVMe', hsm: 'HSM', special_network: 'special network access' };

/**
 * "Based on your answers": the profile as the advice used it, in short phrases, with "(assumed)" on every value a
 * default filled in, so a misread or missing answer shows on the card.
 */
export function basedOnParts(rec: Pick<Recommendation, 'profile' | 'inputs'>): string[] {
  const p = rec.profile;
  const assumed = new Map(rec.inputs.defaultsApplied.map((d) => [d.field, d.value]));
  const mark = (field: string, text: string) => (assumed.has(field) ? `${text} (assumed)` : text);
  const parts: string[] = [KINDS[p.kind] ?? p.kind];
  const peak = p.peakToBaseline ?? (assumed.get('peakToBaseline') as number | undefined);
  parts.push(`${p.traffic} traffic${peak !== undefined && peak !== 1 ? `, peaks ${mark('peakToBaseline', `${trim(peak)}×`)}` : ''}`);
  if (p.avgRequestsPerSecond !== undefined) parts.push(`${trim(p.avgRequestsPerSecond)} requests/s`);
  else if (p.runsPerDay !== undefined) parts.push(`${count(p.runsPerDay)} runs a day`);
  else parts.push('no volume given');
  parts.push(`${duration(p.durationSeconds)} per ${REQUEST_DRIVEN_KINDS.has(p.kind) ? 'request' : 'run'}`);
  parts.push(p.latencyTargetMs !== undefined ? `p99 target ${duration(p.latencyTargetMs / 1000)}` : 'no p99 target');
  const memory = p.memoryMb ?? (assumed.get('memoryMb') as number | undefined);
  if (memory !== undefined) parts.push(mark('memoryMb', megabytes(memory)));
  // An organisation lens may default any of these to a value worth showing, so each is marked when defaulted.
  if (p.state !== 'stateless') parts.push(mark('state', STATES[p.state] ?? p.state));
  if (p.os !== 'any_linux') parts.push(mark('os', OS[p.os] ?? p.os));
  if (p.hardware.length > 0) parts.push(mark('hardware', p.hardware.map((h) => HARDWARE[h] ?? h).join(' + ')));
  if (p.isolation === 'strict') parts.push(mark('isolation', 'strict isolation'));
  if (p.runtime !== undefined) parts.push(RUNTIME_LABELS[p.runtime]);
  if (p.containerSkills !== 'basic')
    parts.push(mark('containerSkills', p.containerSkills === 'none' ? 'no container skills' : 'strong container skills'));
  if (p.portability !== 'none') parts.push(mark('portability', p.portability === 'hybrid' ? 'hybrid' : 'multi-cloud'));
  if (p.edge) parts.push(mark('edge', 'must run at the edge'));
  parts.push(mark('cloud', CLOUD_LABELS[p.cloud]));
  if (p.existingCluster) parts.push(mark('existingCluster', 'existing Kubernetes cluster'));
  if (p.interruptible) parts.push(mark('interruptible', 'runs can be retried'));
  return parts;
}
