import { formatPeriod, parsePeriod, periodKind, resolvePeriod } from './period.js';

describe('parsePeriod', () => {
  it.each([
    ['FY2020', { calendar: 'FY', year: 2020, part: 'Y' }],
    ['FY2020-H1', { calendar: 'FY', year: 2020, part: 'H1' }],
    ['FY2020-Q4', { calendar: 'FY', year: 2020, part: 'Q4' }],
    ['CY2020', { calendar: 'CY', year: 2020, part: 'Y' }],
    ['CY2020-H2', { calendar: 'CY', year: 2020, part: 'H2' }],
    ['CY1900-Q1', { calendar: 'CY', year: 1900, part: 'Q1' }],
    ['FY2199', { calendar: 'FY', year: 2199, part: 'Y' }],
  ])('parses %s', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
    expect(formatPeriod(parsePeriod(text)!)).toBe(text);
  });

  it.each([
    'FY20',
    'fy2020',
    'FY2020-Q5',
    'FY2020-H3',
    'FY2020Q1',
    'FY1899',
    'CY2200',
    '2020',
    'FY2020-',
    ' FY2020',
    2020,
  ])('rejects %p', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it('knows the kind', () => {
    expect(periodKind(parsePeriod('FY2020')!)).toBe('year');
    expect(periodKind(parsePeriod('CY2020-H1')!)).toBe('half');
    expect(periodKind(parsePeriod('FY2020-Q3')!)).toBe('quarter');
  });
});

describe('resolvePeriod', () => {
  it.each([
    ['FY2020', '03-31', '2019-04-01', '2020-03-31'],
    ['FY2020-Q1', '03-31', '2019-04-01', '2019-06-30'],
    ['FY2020-Q2', '03-31', '2019-07-01', '2019-09-30'],
    ['FY2020-Q3', '03-31', '2019-10-01', '2019-12-31'],
    ['FY2020-Q4', '03-31', '2020-01-01', '2020-03-31'],
    ['FY2020-H1', '03-31', '2019-04-01', '2019-09-30'],
    ['FY2020-H2', '03-31', '2019-10-01', '2020-03-31'],
    ['FY2020', '12-31', '2020-01-01', '2020-12-31'],
    ['FY2020-Q2', '12-31', '2020-04-01', '2020-06-30'],
    ['FY2020', '06-30', '2019-07-01', '2020-06-30'],
    ['FY2020', '02-29', '2019-03-01', '2020-02-29'],
    ['FY2021', '02-29', '2020-03-01', '2021-02-28'],
    ['FY2021-Q4', '02-29', '2020-12-01', '2021-02-28'],
    ['FY2020', '09-27', '2019-09-28', '2020-09-27'],
    ['FY2020-Q1', '09-27', '2019-09-28', '2019-12-27'],
    ['FY2020-Q2', '09-27', '2019-12-28', '2020-03-27'],
    ['FY2020-H2', '09-27', '2020-03-28', '2020-09-27'],
    ['FY2020-Q4', '09-27', '2020-06-28', '2020-09-27'],
    ['FY2020-Q2', '08-30', '2019-11-30', '2020-02-28'],
    ['CY2020', '03-31', '2020-01-01', '2020-12-31'],
    ['CY2020-Q3', '03-31', '2020-07-01', '2020-09-30'],
    ['CY2020-H1', '09-27', '2020-01-01', '2020-06-30'],
  ])('%s with year end %s is %s..%s', (period, yearEnd, start, end) => {
    expect(resolvePeriod(period, yearEnd)).toEqual({ start, end });
  });

  it('makes FY and CY the same for a 31 December year end', () => {
    expect(resolvePeriod('FY2022-Q3', '12-31')).toEqual(resolvePeriod('CY2022-Q3', '03-31'));
  });

  it('throws on text that is no period', () => {
    expect(() => resolvePeriod('FY20', '03-31')).toThrow('not a period');
  });
});
