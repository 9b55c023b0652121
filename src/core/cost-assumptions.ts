import { z } from 'zod';
import { TRAFFIC_SHAPES } from './profile.js';

const positive = z.number().positive().finite();

/**
 * rules/cost-model.yaml: the sizing assumptions behind every cost figure. They are ours, not a vendor's, so each
 * one is named on the card when it was used.
 */
export const CostAssumptionsSchema = z
  .object({
    defaultMemoryMb: positive,
    /** Requests in flight one vCPU serves (an I/O-bound mix). Jobs use one vCPU per run. */
    concurrentRequestsPerVcpu: positive,
    /** Autoscaled capacity runs this far above the average load. */
    autoscaleHeadroom: z.number().min(1).max(5),
    /** Edge isolates bill CPU time, not wall time: the share of a request's duration spent on the CPU. */
    edgeCpuShareOfDuration: z.number().positive().max(1),
    /** Share of function invocations that start a new instance (their init phase is billed on AWS). */
    coldStartShareOfInvocations: z.number().min(0).max(1),
    /** For always-on services (databases, stream consumers) a longer "request" reads as the process lifetime. */
    alwaysOnMaxSecondsPerRequest: positive,
    /** Peak over average load when the answer was not given. */
    defaultPeakToBaseline: z
      .object(Object.fromEntries(TRAFFIC_SHAPES.map((t) => [t, z.number().min(1)])) as Record<(typeof TRAFFIC_SHAPES)[number], z.ZodNumber>)
      .strict(),
  })
  .strict();
export type CostAssumptions = z.infer<typeof CostAssumptionsSchema>;
