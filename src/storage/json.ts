/** JSON in and out of TEXT columns. Storage keeps values as given; validation belongs to the callers. */

export function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`Cannot store ${typeof value} as JSON`);
  return json;
}

export function fromJson(json: string): unknown {
  return JSON.parse(json) as unknown;
}

export function fromNullableJson(json: string | null): unknown {
  return json === null ? undefined : (JSON.parse(json) as unknown);
}
