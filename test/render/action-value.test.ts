import { describe, expect, it } from 'vitest';
import { decodeActionValue, encodeActionValue } from '../../src/render/action-value.js';

describe('action values', () => {
  it('encode short JSON in a fixed key order and decode back', () => {
    const encoded = encodeActionValue({ v: 'gpu', q: 'hardware', r: 'r_1' });
    expect(encoded).toBe('{"r":"r_1","q":"hardware","v":"gpu"}');
    expect(decodeActionValue(encoded)).toEqual({ r: 'r_1', q: 'hardware', v: 'gpu' });
    expect(decodeActionValue(encodeActionValue({ r: 'r_1', m: 'faas' }))).toEqual({ r: 'r_1', m: 'faas' });
    expect(decodeActionValue(encodeActionValue({ r: 'r_1', q: 'h', v: [] }))).toEqual({ r: 'r_1', q: 'h', v: [] });
  });

  it.each([
    ['not JSON', 'nope'],
    ['empty', ''],
    ['an array', '[1]'],
    ['no review id', '{"q":"x"}'],
    ['an empty review id', '{"r":""}'],
    ['a numeric question', '{"r":"a","q":1}'],
    ['a numeric model', '{"r":"a","m":1}'],
    ['a bad value', '{"r":"a","v":{"x":1}}'],
    ['a mixed value list', '{"r":"a","v":["a",1]}'],
  ])('rejects %s', (_name, raw) => {
    expect(decodeActionValue(raw)).toBeNull();
  });

  it('rejects missing values', () => {
    expect(decodeActionValue(undefined)).toBeNull();
    expect(decodeActionValue(null)).toBeNull();
  });
});
