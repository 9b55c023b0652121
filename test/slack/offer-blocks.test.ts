import { describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { decodeOfferValue, encodeOfferValue, offerBlocks, offerTakenBlocks } from '../../src/slack/views/offer-blocks.js';

describe('design-review offer', () => {
  it('round-trips its value and rejects values that are not ours', () => {
    const value = { c: 'C0123ABC', t: '1700000000.000100', n: 'RFC: webhooks' };
    expect(decodeOfferValue(encodeOfferValue(value))).toEqual(value);
    expect(decodeOfferValue('{"c":"C1|x","t":"1.2","n":"x"}')).toBeNull();
    expect(decodeOfferValue('not json')).toBeNull();
    expect(decodeOfferValue(undefined)).toBeNull();
  });

  it('escapes the proposal title and stays within Block Kit limits, even for a long title', () => {
    const message = offerBlocks({ c: 'C0123ABC', t: '1700000000.000100', n: `<!channel> ${'x'.repeat(3000)}` });
    expect(checkBlockKitLimits(message, 'message')).toEqual([]);
    const section = message.blocks[0] as { text: { text: string } };
    expect(section.text.text).toContain('&lt;!channel&gt;');
    expect(section.text.text.length).toBeLessThan(200);
    expect(message.text).not.toContain('<!channel>');
    expect(checkBlockKitLimits(offerTakenBlocks('U123ABC'), 'message')).toEqual([]);
  });
});
