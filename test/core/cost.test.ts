import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/models.js';
import type { WorkloadProfileInput } from '../../src/core/profile.js';
import { recommend } from '../../src/core/recommend.js';
import { analyseWorkload } from '../../src/core/workload-facts.js';
import { content, profileOf } from './decision-helpers.js';

/**
 * Worked examples, checked by hand against rules/prices/*.yaml: one per cloud and one per pricing shape. Each case
 * spells out its arithmetic with the list prices it uses; the first test pins those prices, so a price change sends
 * the reader back here to redo the sums.
 */

const H = 730; // hours a month
const S = H * 3600; // seconds a month

const aws = content.prices.clouds.aws;
const azure = content.prices.clouds.azure;
const gcp = content.prices.clouds.gcp;
const vm = (table: typeof aws, name: string) => table.vms.find((v) => v.name === name)!;

it('the prices these examples use are the ones in the tables', () => {
  expect([aws.faas.perMillionRequests, aws.faas.perGbSecond, aws.faas.freeRequestsPerMonth, aws.faas.freeGbSecondsPerMonth]).toEqual([
    0.2, 0.0000166667, 1_000_000, 400_000,
  ]);
  expect([aws.faas.warm.perGbSecond, aws.faas.warm.executionPerGbSecond, aws.gateway?.perMillionRequests]).toEqual([
    0.0000041667, 0.0000097222, 1,
  ]);
  expect([aws.serverlessContainers.perVcpuHour, aws.serverlessContainers.perGbHour, aws.serverlessContainers.minGbPerVcpu]).toEqual([
    0.04048, 0.004445, 2,
  ]);
  expect([aws.serverlessContainers.spot!.perVcpuHour, aws.serverlessContainers.spot!.perGbHour]).toEqual([0.01334053, 0.00146489]);
  expect([
    aws.containers.controlPlanePerHour,
    vm(aws, 'm7i.large').onDemandPerHour,
    vm(aws, 'r7i.4xlarge').onDemandPerHour,
    aws.commitment1y.discount,
    aws.spot.discount,
  ]).toEqual([0.1, 0.1008, 1.0584, 0.37, 0.6]);
  expect([azure.faas.perGbSecond, azure.faas.freeGbSecondsPerMonth, azure.faas.memorySizesMb]).toEqual([
    0.000026,
    100_000,
    [512, 2048, 4096],
  ]);
  expect([
    azure.serverlessContainers.perVcpuHour,
    azure.serverlessContainers.perGbHour,
    azure.serverlessContainers.freeVcpuHoursPerMonth,
    azure.serverlessContainers.freeGbHoursPerMonth,
  ]).toEqual([0.0864, 0.0108, 50, 100]);
  expect([vm(azure, 'Standard_D2s_v5').onDemandPerHour, vm(azure, 'Standard_D2s_v5').committed1yPerHour]).toEqual([0.096, 0.0566]);
  expect([
    gcp.serverlessContainers.perVcpuHour,
    gcp.serverlessContainers.perGbHour,
    gcp.serverlessContainers.gpu!.perGpuHour,
    gcp.serverlessContainers.perMillionRequests,
  ]).toEqual([0.0864, 0.009, 0.672, 0.4]);
  const instanceBased = gcp.serverlessContainers.instanceBased!;
  expect([
    instanceBased.perVcpuHour,
    instanceBased.perGbHour,
    instanceBased.freeVcpuHoursPerMonth,
    instanceBased.freeGbHoursPerMonth,
    gcp.serverlessContainers.gpu!.idleSeconds,
  ]).toEqual([0.0648, 0.0072, 66.67, 125, 900]);
  expect(vm(gcp, 'g2-standard-4').onDemandPerHour).toBe(0.7068);
  const edge = content.prices.edge;
  expect([edge.monthlyBase, edge.includedRequests, edge.perMillionRequests, edge.includedCpuMs, edge.perMillionCpuMs]).toEqual([
    5, 10_000_000, 0.3, 30_000_000, 0.02,
  ]);
  expect([
    content.assumptions.concurrentRequestsPerVcpu,
    content.assumptions.autoscaleHeadroom,
    content.assumptions.coldStartShareOfInvocations,
    content.assumptions.edgeCpuShareOfDuration,
  ]).toEqual([4, 1.3, 0.01, 0.1]);
  expect([
    content.platforms.startTimes.vmBootSeconds,
    content.platforms.startTimes.serverlessContainerColdStartMs,
    content.platforms.startTimes.faasColdStartMs.node,
  ]).toEqual([
    [30, 120],
    [500, 8000],
    [115, 300],
  ]);
});

interface WorkedExample {
  name: string;
  profile: Partial<WorkloadProfileInput>;
  /** The hand-worked monthly figures, in dollars. */
  expected: Partial<Record<Model, number | null>>;
  committed?: Partial<Record<Model, number | null>>;
  spot?: Partial<Record<Model, number>>;
}

const EXAMPLES: WorkedExample[] = [
  {
    name: 'AWS: an API at 3 requests/s, 200 ms, 512 MB assumed (Lambda with API Gateway, Fargate, EKS, EC2, Workers)',
    profile: { kind: 'api', traffic: 'variable', avgRequestsPerSecond: 3, durationSeconds: 0.2, runtime: 'node' },
    expected: {
      // 3 × 2,628,000 = 7,884,000 requests. GB-s: 7,884,000 × 0.2 × 0.5 = 788,400, plus init: 1% cold × 0.3 s × 0.5 GB
      // = 11,826. (800,226 − 400,000 free) × $0.0000166667 = $6.6705; (7.884M − 1M) × $0.20/M = $1.3768;
      // API Gateway 7.884M × $1.00/M = $7.884. Provisioned concurrency would cost more, so on demand.
      faas: (800_226 - 400_000) * 0.0000166667 + 6.884 * 0.2 + 7.884,
      // One always-running task of 1 vCPU with its minimum 2 GB: 730 × (0.04048 + 2 × 0.004445).
      serverless_containers: H * (0.04048 + 2 * 0.004445),
      // New EKS cluster: control plane 730 × $0.10, a system m7i.large, one pod (half an m7i.large: 2 pods a node).
      containers: H * 0.1 + H * 0.1008 + H * (0.1008 / 2),
      // Peak 0.6 × 5 = 3 requests in flight = 0.75 vCPU: one m7i.large, always on.
      vm: H * 0.1008,
      // 7.884M requests inside the 10M included; CPU 7.884M × 200 ms × 10% = 157.68M ms, 127.68M over.
      wasm_edge: 5 + 127.68 * 0.02,
    },
    committed: { vm: H * 0.1008 * 0.63, containers: H * 0.1 + H * 0.1008 * 0.63 + H * ((0.1008 * 0.63) / 2), faas: null },
  },
  {
    name: 'Azure: a job four times a day, 45 minutes at 4 GB (Flex Consumption, Container Apps jobs, a D2s v5 per run)',
    profile: { kind: 'batch_job', traffic: 'scheduled', runsPerDay: 4, durationSeconds: 2700, memoryMb: 4096, cloud: 'azure' },
    expected: {
      // 4 × 730/24 = 121.667 runs. GB-s: 121.667 × 2,700 × 4 = 1,314,000 − 100,000 free, at $0.000026; executions free.
      faas: (4 * (H / 24) * 2700 * 4 - 100_000) * 0.000026,
      // 4 GB takes 2 vCPU; task-hours 121.667 × (2,700 + 4.25 s start) / 3600 = 91.394: vCPU-h 182.79 − 50 free,
      // GB-h 365.58 − 100 free.
      serverless_containers:
        ((4 * (H / 24) * 2704.25) / 3600) * 2 * 0.0864 - 50 * 0.0864 + (((4 * (H / 24) * 2704.25) / 3600) * 4 - 100) * 0.0108,
      // One D2s v5 per run, booted each time (75 s, the middle of 30-120 s) and stopped after.
      vm: ((4 * (H / 24) * (2700 + 75)) / 3600) * 0.096,
    },
    committed: { vm: null },
  },
  {
    name: 'Google Cloud: GPU inference at 2 requests/s, 500 ms, 16 GB (Cloud Run with an L4, a g2-standard-4)',
    profile: {
      kind: 'ml_inference',
      traffic: 'steady',
      avgRequestsPerSecond: 2,
      durationSeconds: 0.5,
      memoryMb: 16_384,
      hardware: ['gpu'],
      cloud: 'gcp',
    },
    expected: {
      faas: null,
      // A GPU service bills each instance for its whole life at the instance-based rates, with no request fee:
      // requests every half second never let its 15-minute idle window run out, so one instance (4 vCPU, 16 GB,
      // 1 L4: the GPU minimum) is billed all month, 730 h. vCPU-h 2,920 − 66.67 free at $0.0648, GB-h 11,680 − 125
      // free at $0.0072, GPU 730 h at $0.672.
      serverless_containers: (2920 - 66.67) * 0.0648 + (11_680 - 125) * 0.0072 + H * 0.672,
      // Peak 1.5 requests in flight: one g2-standard-4 (one L4 each), always on.
      vm: H * 0.7068,
    },
  },
  {
    name: 'AWS: a 128 GB database at 200 queries/s of 5 ms (one memory-optimised machine, never split)',
    profile: {
      kind: 'database',
      state: 'local_persistent',
      traffic: 'steady',
      avgRequestsPerSecond: 200,
      durationSeconds: 0.005,
      memoryMb: 131_072,
    },
    expected: { vm: H * 1.0584, faas: null, serverless_containers: null, wasm_edge: null },
    committed: { vm: H * 1.0584 * 0.63 },
  },
  {
    name: 'Azure: a stream consumer at 500 messages/s of 20 ms, 1 GB (always on)',
    profile: {
      kind: 'stream_processing',
      traffic: 'steady',
      avgRequestsPerSecond: 500,
      durationSeconds: 0.02,
      memoryMb: 1024,
      cloud: 'azure',
    },
    expected: {
      // 10 messages in flight × 1.3 headroom / 4 per task = 3.25 tasks of 1 vCPU / 2 GB (the 1:2 shape), CPU always on.
      serverless_containers: 3.25 * H * (0.0864 + 2 * 0.0108),
      // Peak 15 in flight = 4 one-vCPU instances: two D2s v5 (2 each), always on.
      vm: 2 * H * 0.096,
    },
    committed: { vm: 2 * H * 0.0566 },
  },
  {
    name: 'Cloudflare: an edge function at 500 requests/s, 5 ms, 64 MB',
    profile: {
      kind: 'api',
      traffic: 'variable',
      avgRequestsPerSecond: 500,
      durationSeconds: 0.005,
      memoryMb: 64,
      edge: true,
      runtime: 'rust',
      latencyTargetMs: 50,
    },
    expected: {
      // 1,314M requests: 1,304M over the included 10M at $0.30/M; CPU 1,314M × 5 ms × 10% = 657M ms, 627M over at $0.02/M.
      wasm_edge: 5 + 1304 * 0.3 + 627 * 0.02,
      faas: null,
    },
  },
  {
    name: 'AWS: a retryable nightly job, 2 hours at 4 GB (Fargate and Fargate Spot, an m7i.large per run and on spot)',
    profile: { kind: 'batch_job', traffic: 'scheduled', runsPerDay: 1, durationSeconds: 7200, memoryMb: 4096, interruptible: true },
    expected: {
      // 30.417 runs × (7,200 + 4.25 s) / 3600 = 60.87 task-hours of 1 vCPU / 4 GB.
      serverless_containers: (((H / 24) * 7204.25) / 3600) * (0.04048 + 4 * 0.004445),
      // 30.417 runs × (7,200 + 75 s boot) / 3600 = 61.47 machine-hours of an m7i.large.
      vm: (((H / 24) * 7275) / 3600) * 0.1008,
      faas: null,
    },
    spot: {
      serverless_containers: (((H / 24) * 7204.25) / 3600) * (0.01334053 + 4 * 0.00146489),
      vm: (((H / 24) * 7275) / 3600) * 0.1008 * 0.4,
    },
  },
  {
    name: 'Google Cloud: GPU inference once an hour (Cloud Run GPU instances billed for their life, idle 15 minutes)',
    profile: {
      kind: 'ml_inference',
      traffic: 'sporadic',
      avgRequestsPerSecond: 1 / 3600,
      durationSeconds: 1,
      memoryMb: 16_384,
      hardware: ['gpu'],
      cloud: 'gcp',
    },
    expected: {
      // Requests at random once an hour: an instance is up whenever one came in the last 1 s + 900 s, a share of
      // 1 − e^(−901/3600) = 22.1% of the month, 161.6 instance-hours of 4 vCPU / 16 GB + 1 L4 at the instance-based
      // rates, less the free vCPU- and GB-hours.
      serverless_containers: (() => {
        const hours = H * (1 - Math.exp(-901 / 3600));
        return (4 * hours - 66.67) * 0.0648 + (16 * hours - 125) * 0.0072 + hours * 0.672;
      })(),
    },
  },
  {
    name: 'Google Cloud: four one-hour runs a day at 8 GB (a Cloud Run job, billed instance-based as every job is)',
    profile: { kind: 'batch_job', traffic: 'scheduled', runsPerDay: 4, durationSeconds: 3600, memoryMb: 8192, cloud: 'gcp' },
    expected: {
      // 121.67 runs × (3,600 + 4.25 s start) / 3600 = 121.81 task-hours of 2 vCPU (the least 8 GB takes) / 8 GB,
      // at the instance-based rates: vCPU-h 243.6 − 66.67 free at $0.0648, GB-h 974.5 − 125 free at $0.0072.
      serverless_containers: (((H / 6) * 3604.25 * 2) / 3600 - 66.67) * 0.0648 + (((H / 6) * 3604.25 * 8) / 3600 - 125) * 0.0072,
    },
  },
];

describe('worked examples, by hand from the price tables', () => {
  it.each(EXAMPLES.map((e) => [e.name, e] as const))('%s', (_name, example) => {
    const rec = recommend(content, profileOf(example.profile));
    const estimate = (model: Model) => rec.costEstimates.find((e) => e.model === model)!;
    for (const [model, expected] of Object.entries(example.expected) as Array<[Model, number | null]>) {
      if (expected === null) expect(estimate(model).monthlyUsd, `${model}: ${estimate(model).basis}`).toBeNull();
      else expect(estimate(model).monthlyUsd, `${model}: ${estimate(model).basis}`).toBeCloseTo(expected, 2);
    }
    for (const [model, expected] of Object.entries(example.committed ?? {}) as Array<[Model, number | null]>) {
      if (expected === null) expect(estimate(model).committedMonthlyUsd, model).toBeNull();
      else expect(estimate(model).committedMonthlyUsd, model).toBeCloseTo(expected, 2);
    }
    for (const [model, expected] of Object.entries(example.spot ?? {}) as Array<[Model, number]>)
      expect(estimate(model).spotMonthlyUsd, model).toBeCloseTo(expected, 2);
  });

  it('a job is priced for its run hours, not around the clock', () => {
    const rec = recommend(content, profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 1, durationSeconds: 1800 }));
    const vmFigure = rec.costEstimates.find((e) => e.model === 'vm')!;
    expect(vmFigure.monthlyUsd!).toBeLessThan(0.1008 * H * 0.1);
    expect(vmFigure.basis).toMatch(/stopped between runs/);
  });

  it('a 64 GB nightly GPU job gets a GPU machine big enough for it, and no figure where no GPU is offered', () => {
    const rec = recommend(
      content,
      profileOf({ kind: 'ml_training', traffic: 'scheduled', runsPerDay: 1, durationSeconds: 21_600, memoryMb: 65_536, hardware: ['gpu'] }),
    );
    const vmFigure = rec.costEstimates.find((e) => e.model === 'vm')!;
    expect(vmFigure.basis).toMatch(/g6\.4xlarge \(16 vCPU, 64 GB, 1 × NVIDIA L4\)/);
    // 30.417 runs × (6 h + 75 s) × $1.3232
    expect(vmFigure.monthlyUsd!).toBeCloseTo((((H / 24) * (21_600 + 75)) / 3600) * 1.3232, 2);
    expect(rec.costEstimates.find((e) => e.model === 'serverless_containers')).toMatchObject({
      monthlyUsd: null,
      notRunnable: 'AWS Fargate (Amazon ECS / EKS) has no GPUs',
    });
  });

  it('every model gets a figure where it can run, the expensive ones included, in the JSON and on the card', () => {
    const rec = recommend(content, profileOf({ traffic: 'steady', avgRequestsPerSecond: 3000, durationSeconds: 0.05 }));
    expect(rec.costEstimates.map((e) => e.model)).toEqual(['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge']);
    for (const e of rec.costEstimates) expect(e.monthlyUsd, e.model).toBeGreaterThan(0);
    for (const e of rec.costEstimates)
      expect(
        rec.costCaveats.some((line) => line.includes(e.basis)),
        e.model,
      ).toBe(true);
  });

  it('an existing cluster makes the control plane and system node someone else’s bill', () => {
    const shared = analyseWorkload(profileOf({ avgRequestsPerSecond: 3, existingCluster: true }), content).costs.containers.monthlyUsd!;
    const fresh = analyseWorkload(profileOf({ avgRequestsPerSecond: 3 }), content).costs.containers.monthlyUsd!;
    expect(fresh - shared).toBeCloseTo(H * 0.1 + H * 0.1008, 6);
  });

  it('Windows is priced with its licence, where the platform runs it at all', () => {
    const rec = recommend(
      content,
      profileOf({ kind: 'web_app', traffic: 'steady', avgRequestsPerSecond: 10, os: 'windows', cloud: 'gcp' }),
    );
    expect(rec.costEstimates.find((e) => e.model === 'vm')!.monthlyUsd).toBeCloseTo(H * vm(gcp, 'n2-standard-2').windowsPerHour!, 2);
    expect(rec.costEstimates.find((e) => e.model === 'serverless_containers')).toMatchObject({
      monthlyUsd: null,
      notRunnable: expect.stringContaining('Linux containers only'),
    });
  });
});

describe('the break-even against always-on capacity', () => {
  // A stream consumer: no gateway. Lambda at 1 GB and 100 ms costs $0.20/M + 0.1 × $0.0000166667 = $1.8667 per
  // million, plus init (1% × 0.5 s × 1 GB); a 24x7 Fargate task of 1 vCPU / 2 GB costs $36.04 a month.
  const stream = { kind: 'stream_processing', traffic: 'steady', durationSeconds: 0.1, memoryMb: 1024 } as const;

  it('is where a month of functions costs what the cheapest always-on option does', () => {
    const rec = recommend(content, profileOf({ ...stream, avgRequestsPerSecond: 1 }));
    const fargate = H * (0.04048 + 2 * 0.004445);
    // faas(N) = (N − 1M) × 0.2e-6 + (N × (0.1 + 0.01 × 0.5) − 400,000) × 0.0000166667 = fargate
    const perRequest = 0.2e-6 + 0.105 * 0.0000166667;
    const n = (fargate + 1_000_000 * 0.2e-6 + 400_000 * 0.0000166667) / perRequest;
    expect(rec.breakEven).toMatchObject({ unit: 'requests_per_second', against: 'serverless_containers' });
    // Narrowed to about 0.1%: plenty for a figure shown to three digits.
    expect(rec.breakEven!.requestsPerSecond / (n / S)).toBeCloseTo(1, 2);
    expect(rec.breakEven!.alwaysOnMonthlyUsd).toBeCloseTo(fargate, 1);
    expect(rec.costCaveats.find((l) => l.startsWith('Break-even'))).toMatch(
      /above about \d+(\.\d+)? requests\/s on average, serverless containers cost less than functions at 1 GB and 100 ms each .* This workload, at 1 requests\/s, is below it\./,
    );
  });

  it('moves with the workload’s own duration and memory', () => {
    const at = (o: Partial<WorkloadProfileInput>) =>
      recommend(content, profileOf({ ...stream, avgRequestsPerSecond: 1, ...o })).breakEven!.requestsPerSecond;
    expect(at({ memoryMb: 2048 })).toBeLessThan(at({}));
    expect(at({ durationSeconds: 0.5 })).toBeLessThan(at({}));
  });

  it('is absent where functions cannot run the workload (over Lambda’s 10 GB, or longer than 15 minutes)', () => {
    expect(recommend(content, profileOf({ ...stream, avgRequestsPerSecond: 1, memoryMb: 16_384 })).breakEven).toBeNull();
    expect(
      recommend(content, profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 1, durationSeconds: 7200 })).breakEven,
    ).toBeNull();
  });

  it('for jobs it is counted in runs a day', () => {
    const rec = recommend(
      content,
      profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 24, durationSeconds: 60, memoryMb: 4096 }),
    );
    expect(rec.breakEven?.unit).toBe('runs_per_day');
    expect(rec.costCaveats.find((l) => l.startsWith('Break-even'))).toMatch(/runs a day/);
  });
});

describe('the assumptions line', () => {
  it('names the cloud, region, the date prices were read and only the defaults that were applied', () => {
    const rec = recommend(content, profileOf({ avgRequestsPerSecond: 3 }), { defaulted: ['cloud', 'existingCluster'] });
    expect(rec.costAssumptions).toMatch(
      /^Assumptions: AWS us-east-1 and Cloudflare Workers \(Standard\) list prices read \d{4}-\d{2}-\d{2} \(no cloud was named; AWS is the default\)/,
    );
    expect(rec.costAssumptions).toMatch(/512 MB per instance \(memory not answered\)/);
    expect(rec.costAssumptions).toMatch(/peaks 5× the average \(the default for variable traffic\)/);
    const answered = recommend(content, profileOf({ avgRequestsPerSecond: 3, memoryMb: 1024, peakToBaseline: 3, cloud: 'gcp' }));
    expect(answered.costAssumptions).toMatch(/^Assumptions: Google Cloud us-central1 /);
    expect(answered.costAssumptions).not.toMatch(/memory not answered|the default for|no cloud was named/);
  });

  it('the JSON names every default that stood in for an answer', () => {
    const rec = recommend(content, profileOf({ avgRequestsPerSecond: 3 }), { defaulted: ['cloud', 'state'] });
    expect(rec.inputs.defaultsApplied.map((d) => d.field).sort()).toEqual(['cloud', 'memoryMb', 'peakToBaseline', 'state']);
    expect(rec.inputs.profile).toEqual(rec.profile);
  });
});
