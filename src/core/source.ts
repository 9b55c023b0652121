import { z } from 'zod';

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date like 2026-12-07' });

/** Where a price or a platform fact comes from, and the day it was read there. */
export const SourceSchema = z
  .object({
    title: z.string().min(1),
    url: z.url({ protocol: /^https$/, error: 'an https URL' }),
    read: IsoDateSchema,
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

/** "AWS Lambda pricing (read 2026-12-07)" */
export function citeSource(source: Source): string {
  return `${source.title} (read ${source.read})`;
}
