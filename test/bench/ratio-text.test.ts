import { describe, expect, it } from 'vitest';
import { ratioText } from '../../bench/ratio-text.js';

describe('ratio text', () => {
  it('prints two decimals', () => {
    expect(ratioText(1.3649)).toBe('1.36x');
    expect(ratioText(0.5)).toBe('0.50x');
    expect(ratioText(1.62, 1.5)).toBe('1.62x');
  });

  it('adds a third decimal only when two would read as the target it is checked against', () => {
    expect(ratioText(1.5031, 1.5)).toBe('1.503x');
    expect(ratioText(1.4962, 1.5)).toBe('1.496x');
    expect(ratioText(1.5, 1.5)).toBe('1.50x');
    expect(ratioText(1.5031)).toBe('1.50x');
  });
});
