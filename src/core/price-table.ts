import { z } from 'zod';
import { CLOUDS, type Cloud } from './clouds.js';
import { SourceSchema } from './source.js';

const price = z.number().nonnegative().finite();
const positive = z.number().positive().finite();

export const INSTANCE_FAMILIES = ['general', 'memory', 'gpu'] as const;

/** One machine type: VMs are priced from these, and so are Kubernetes nodes. */
export const VmInstanceSchema = z
  .object({
    name: z.string().min(1),
    family: z.enum(INSTANCE_FAMILIES),
    vcpus: positive,
    memoryGb: positive,
    gpus: z.number().int().min(0).default(0),
    gpuModel: z.string().min(1).optional(),
    /** Linux, on demand. */
    onDemandPerHour: price,
    /** Effective hourly price with a 1-year commitment and no upfront payment; else the cloud's commitment discount applies. */
    committed1yPerHour: price.optional(),
    /** Spot / preemptible price; else the cloud's spot discount applies. */
    spotPerHour: price.optional(),
    /** On demand with the Windows Server licence included. */
    windowsPerHour: price.optional(),
    source: SourceSchema,
  })
  .strict()
  .refine((i) => (i.family === 'gpu') === i.gpus > 0, { error: 'family gpu if and only if gpus > 0' });
export type VmInstance = z.infer<typeof VmInstanceSchema>;

export const FaasPricesSchema = z
  .object({
    service: z.string().min(1),
    perMillionRequests: price,
    perGbSecond: price,
    /** Platforms that bill CPU apart from memory (Cloud Run functions); 0 where CPU comes with the memory. */
    perVcpuSecond: price,
    freeRequestsPerMonth: price,
    freeGbSecondsPerMonth: price,
    freeVcpuSecondsPerMonth: price,
    /** The vCPUs a memory size comes with, where CPU is billed: [up to GB, vCPUs], ascending by GB. */
    vcpusForMemory: z
      .array(z.tuple([positive, positive]))
      .min(1)
      .optional(),
    minMemoryMb: positive,
    /** Where the init phase of a cold start is billed as duration (AWS Lambda since August 2025): its source. */
    initBilling: z.object({ source: SourceSchema }).strict().optional(),
    /** The memory sizes the platform offers, ascending (Azure Flex Consumption: 512, 2048, 4096); absent: any size. */
    memorySizesMb: z.array(positive).min(1).optional(),
    /** Instances kept initialised: provisioned concurrency on Lambda, always-ready instances on Azure, min instances on GCP. */
    warm: z
      .object({
        name: z.string().min(1),
        /** Billed while configured, used or not. */
        perGbSecond: price,
        perVcpuSecond: price,
        /** The duration price for requests that warm instances serve. */
        executionPerGbSecond: price,
        executionPerVcpuSecond: price,
        source: SourceSchema,
      })
      .strict(),
    source: SourceSchema,
  })
  .strict()
  .refine((f) => f.perVcpuSecond === 0 || f.vcpusForMemory !== undefined, { error: 'perVcpuSecond needs vcpusForMemory' });

export const GatewayPricesSchema = z.object({ service: z.string().min(1), perMillionRequests: price, source: SourceSchema }).strict();

export const ServerlessContainerPricesSchema = z
  .object({
    service: z.string().min(1),
    /** always_on: a service's tasks run until stopped (Fargate); per_request: billed while serving, scales to zero. */
    billing: z.enum(['always_on', 'per_request']),
    perVcpuHour: price,
    perGbHour: price,
    /** per_request billing: what an idle minimum instance costs. */
    idlePerVcpuHour: price.optional(),
    idlePerGbHour: price.optional(),
    perMillionRequests: price,
    freeVcpuHoursPerMonth: price,
    freeGbHoursPerMonth: price,
    freeRequestsPerMonth: price,
    /** The fewest vCPUs an instance of a memory size needs: [up to GB, vCPUs], ascending by GB. */
    vcpusForMemory: z.array(z.tuple([positive, positive])).min(1),
    /** The least memory a vCPU comes with (Fargate: 1 vCPU takes 2-8 GB); 0 where memory is free to choose. */
    minGbPerVcpu: z.number().min(0),
    windows: z.object({ perVcpuHour: price, perGbHour: price, licencePerVcpuHour: price, source: SourceSchema }).strict().nullable(),
    spot: z.object({ perVcpuHour: price, perGbHour: price, source: SourceSchema }).strict().nullable(),
    /** Rates for an instance billed for its whole life (Cloud Run jobs and GPU services); absent: the active rates. */
    instanceBased: z
      .object({ perVcpuHour: price, perGbHour: price, freeVcpuHoursPerMonth: price, freeGbHoursPerMonth: price, source: SourceSchema })
      .strict()
      .optional(),
    gpu: z
      .object({
        model: z.string().min(1),
        perGpuHour: price,
        minVcpus: positive,
        minMemoryGb: positive,
        /** A GPU instance is billed for its whole life: how long it stays up idle after its last request. */
        idleSeconds: positive,
        source: SourceSchema,
      })
      .strict()
      .nullable(),
    source: SourceSchema,
  })
  .strict()
  .refine((s) => s.billing === 'always_on' || (s.idlePerVcpuHour !== undefined && s.idlePerGbHour !== undefined), {
    error: 'per_request billing needs idlePerVcpuHour and idlePerGbHour (minimum instances)',
  });

export const ContainerPricesSchema = z.object({ service: z.string().min(1), controlPlanePerHour: price, source: SourceSchema }).strict();

const DiscountSchema = z.object({ name: z.string().min(1), discount: z.number().min(0).max(0.95), source: SourceSchema }).strict();

/** rules/prices/<cloud>.yaml: one cloud's dated public list prices. */
export const CloudPriceTableSchema = z
  .object({
    cloud: z.enum(CLOUDS),
    region: z.string().min(1),
    currency: z.literal('USD'),
    hoursPerMonth: positive,
    faas: FaasPricesSchema,
    /** What a synchronous HTTP API pays in front of its functions; null where functions take HTTP themselves. */
    gateway: GatewayPricesSchema.nullable(),
    serverlessContainers: ServerlessContainerPricesSchema,
    containers: ContainerPricesSchema,
    commitment1y: DiscountSchema,
    spot: DiscountSchema,
    vms: z.array(VmInstanceSchema).min(3),
  })
  .strict();
export type CloudPriceTable = z.infer<typeof CloudPriceTableSchema>;

/** rules/prices/cloudflare-workers.yaml: the edge platform's prices. */
export const EdgePriceTableSchema = z
  .object({
    service: z.string().min(1),
    currency: z.literal('USD'),
    monthlyBase: price,
    includedRequests: price,
    perMillionRequests: price,
    includedCpuMs: price,
    perMillionCpuMs: price,
    source: SourceSchema,
  })
  .strict();
export type EdgePriceTable = z.infer<typeof EdgePriceTableSchema>;

export interface PriceTables {
  clouds: Record<Cloud, CloudPriceTable>;
  edge: EdgePriceTable;
}
