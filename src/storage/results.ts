/** Whether an insert, update or delete touched a row (Kysely reports the count as a bigint on both dialects). */
export function changed(
  result: { numInsertedOrUpdatedRows?: bigint } | { numUpdatedRows: bigint } | { numDeletedRows: bigint } | undefined,
): boolean {
  return affected(result) > 0;
}

export function affected(
  result: { numInsertedOrUpdatedRows?: bigint } | { numUpdatedRows: bigint } | { numDeletedRows: bigint } | undefined,
): number {
  if (!result) return 0;
  if ('numUpdatedRows' in result) return Number(result.numUpdatedRows);
  if ('numDeletedRows' in result) return Number(result.numDeletedRows);
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
