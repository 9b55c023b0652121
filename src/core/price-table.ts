import { z } from 'zod';
import { TRAFFIC_SHAPES } from './profile.js';

const price = z.number().nonnegative().finite();

/** rules/prices.yaml: dated public list prices the cost caveats are computed from. */
export const PriceTableSchema = z
  .object({
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'asOf must be a date like 2025-10-01' }),
    region: z.string().min(1),
    currency: z.literal('USD'),
    hoursPerMonth: z.number().positive(),
    faas: z.object({
      label: z.string(), perMillionRequests: price, perGbSecond: price, provisionedPerGbSecond: price,
      freeRequestsPerMonth: price, freeGbSecondsPerMonth: price, source: z.string().min(1),
    }).strict(),
    serverlessContainers: z.object({ label: z.string(), perVcpuHour: price, perGbHour: price, source: z.string().min(1) }).strict(),
    vm: z.object({ label: z.string(), vcpus: z.number().positive(), memoryGb: z.number().positive(), perHour: price, source: z.string().min(1) }).strict(),
    containers: z.object({ label: z.string(), clusterPerHour: price, source: z.string().min(1) }).strict(),
    wasmEdge: z.object({
      label: z.string(), monthlyBase: price, includedRequests: price, perMillionRequests: price,
      includedCpuMs: price, perMillionCpuMs: price, source: z.string().min(1),
    }).strict(),
    assumptions: z.object({
      defaultMemoryMb: z.number().positive(),
      concurrentRequestsPerVcpu: z.number().positive(),
      autoscaleHeadroom: z.number().min(1),
      edgeCpuShareOfDuration: z.number().positive().max(1),
      defaultPeakToBaseline: z.object(Object.fromEntries(TRAFFIC_SHAPES.map((t) => [t, z.number().min(1)])) as Record<(typeof TRAFFIC_SHAPES)[number], z.ZodNumber>).strict(),
      alwaysOnUnit: z.object({ vcpus: z.number().positive(), memoryGb: z.number().positive() }).strict(),
    }).strict(),
  })
  .strict();

export type PriceTable = z.infer<typeof PriceTableSchema>;
