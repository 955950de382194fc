import { isSource, sourceProblems } from './source.js';

describe('sourceProblems', () => {
  it('accepts a url or a title with the optional fields', () => {
    expect(sourceProblems({ url: 'https://t3n.de/news/alibaba' })).toEqual([]);
    expect(sourceProblems({ title: 'Alibaba FY2020 annual report' })).toEqual([]);
    expect(
      sourceProblems({
        url: 'http://example.com/a?b=c',
        title: 't',
        publisher: 't3n',
        publishedAt: '2016-06-28',
        quote: 'q'.repeat(10000),
        language: 'de',
      }),
    ).toEqual([]);
    expect(isSource({ title: 'x', language: 'en-US' })).toBe(true);
  });

  it('needs a url or a title', () => {
    expect(sourceProblems({ publisher: 'Reuters' })).toEqual([
      { field: 'url', message: 'is required: a source needs a url or a title' },
    ]);
  });

  it.each([
    [{ url: 'ftp://example.com/x' }, 'url'],
    [{ url: 'example.com/x' }, 'url'],
    [{ url: 'https://exa mple.com' }, 'url'],
    [{ url: 'https://example.com/' + 'a'.repeat(2000) }, 'url'],
    [{ title: '' }, 'title'],
    [{ title: 42 }, 'title'],
    [{ title: 't', publishedAt: '2016-02-30' }, 'publishedAt'],
    [{ title: 't', language: 'german language' }, 'language'],
    [{ title: 't', quote: 'q'.repeat(10001) }, 'quote'],
    [{ title: 't', publisher: 'p'.repeat(2001) }, 'publisher'],
    [{ title: 't', author: 'x' }, 'author'],
  ])('flags %p at %s', (source, field) => {
    expect(sourceProblems(source).map((p) => p.field)).toEqual([field]);
  });

  it('rejects what is not an object', () => {
    expect(sourceProblems('https://example.com')).toEqual([
      { field: '', message: 'must be an object with a url or a title' },
    ]);
    expect(isSource(null)).toBe(false);
  });
});
