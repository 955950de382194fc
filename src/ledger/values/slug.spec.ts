import { isSlug } from './slug.js';

describe('isSlug', () => {
  it.each(['alibaba', 'gmv', '0', 'a-b-c', 'fy2020-target', 'a'.repeat(64), '9-'])('accepts %s', (value) => {
    expect(isSlug(value)).toBe(true);
  });

  it.each(['', '-abc', 'Alibaba', 'a.b', 'a_b', 'a b', 'ä', 'a'.repeat(65), 42, null])('rejects %p', (value) => {
    expect(isSlug(value)).toBe(false);
  });
});
