import { z } from 'zod';
import { CLOUDS } from './clouds.js';
import { RUNTIMES } from './profile.js';
import { SourceSchema } from './source.js';

const positive = z.number().positive().finite();
const sources = z.array(SourceSchema).min(1);
/** [low, high] */
const range = z.tuple([positive, positive]).refine(([low, high]) => low <= high, { error: 'a range is [low, high]' });

export const FaasLimitsSchema = z
  .object({
    service: z.string().min(1),
    /** The longest run of an event, queue or scheduled trigger; null when the platform sets no maximum. */
    maxDurationSeconds: positive.nullable(),
    /** The longest synchronous HTTP request the platform can serve at all. */
    maxHttpSeconds: positive,
    /** The usual gateway's timeout, where it is shorter than maxHttpSeconds and another front door avoids it. */
    gatewayTimeoutSeconds: positive.optional(),
    gatewayService: z.string().min(1).optional(),
    maxMemoryMb: positive,
    gpu: z.boolean(),
    /** SnapStart-style snapshots that shorten cold starts, by runtime; empty where the platform has none. */
    snapshotRuntimes: z.array(z.enum(RUNTIMES)),
    sources,
  })
  .strict();

export const ServerlessContainerLimitsSchema = z
  .object({
    service: z.string().min(1),
    maxMemoryMb: positive,
    maxVcpus: positive,
    /** The longest HTTP request; null when the platform sets none. */
    maxRequestSeconds: positive.nullable(),
    /** The longest run of a job (Cloud Run jobs, Container Apps jobs); null when the platform sets none. */
    maxJobSeconds: positive.nullable(),
    scaleToZero: z.boolean(),
    gpu: z.boolean(),
    /** The most memory an instance may have with a GPU attached; only where gpu is true. */
    gpuMaxMemoryMb: positive.optional(),
    windows: z.boolean(),
    sources,
  })
  .strict();

export const ContainerLimitsSchema = z.object({ service: z.string().min(1), gpu: z.boolean(), windows: z.boolean(), sources }).strict();

export const VmLimitsSchema = z.object({ service: z.string().min(1), sources }).strict();

export const CloudPlatformsSchema = z
  .object({
    faas: FaasLimitsSchema,
    serverless_containers: ServerlessContainerLimitsSchema,
    containers: ContainerLimitsSchema,
    vm: VmLimitsSchema,
  })
  .strict();
export type CloudPlatforms = z.infer<typeof CloudPlatformsSchema>;

export const EdgeLimitsSchema = z
  .object({
    service: z.string().min(1),
    maxMemoryMb: positive,
    /** CPU time one request may use at most (configurable up to this). */
    maxCpuSecondsPerRequest: positive,
    defaultCpuSecondsPerRequest: positive,
    /** Wall-clock limit of a scheduled or queue-triggered run, where no client holds the request open. */
    maxJobWallSeconds: positive,
    sources,
  })
  .strict();

export const StartTimesSchema = z
  .object({
    /** Function cold starts by runtime, p50 ms [low, high]. */
    faasColdStartMs: z.record(z.enum(RUNTIMES), range),
    /** With a SnapStart-style snapshot, where the runtime has one. */
    faasSnapshotColdStartMs: range,
    /** A serverless container scaling from zero: image pull and start. */
    serverlessContainerColdStartMs: range,
    vmBootSeconds: range,
    containerStartSeconds: range,
    sources,
  })
  .strict();

/** rules/platforms.yaml: the platform limits and start times the hard rules and the cost model read, per cloud. */
export const PlatformFactsSchema = z
  .object({
    clouds: z
      .object(
        Object.fromEntries(CLOUDS.map((c) => [c, CloudPlatformsSchema])) as Record<(typeof CLOUDS)[number], typeof CloudPlatformsSchema>,
      )
      .strict(),
    edge: EdgeLimitsSchema,
    startTimes: StartTimesSchema,
  })
  .strict();
export type PlatformFacts = z.infer<typeof PlatformFactsSchema>;
