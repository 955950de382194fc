import { exceedsDepth } from './body-depth.js';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
};

describe('exceedsDepth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(exceedsDepth('text', 0)).toBe(false);
    expect(exceedsDepth({ translations: [{ currency: 'USD' }] }, 3)).toBe(false);
    expect(exceedsDepth({ translations: [{ currency: 'USD' }] }, 2)).toBe(true);
  });

  it('walks a body far deeper than the stack would allow, without recursion', () => {
    expect(exceedsDepth(nested(32), 32)).toBe(false);
    expect(exceedsDepth(nested(33), 32)).toBe(true);
    expect(exceedsDepth(nested(200_000), 32)).toBe(true);
  });
});
