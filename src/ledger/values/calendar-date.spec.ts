import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  fromDayNumber,
  isCalendarDate,
  isMonthDay,
  toDayNumber,
} from './calendar-date.js';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '1900-01-01', '2020-04-30'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2023-02-30',
    '2020-04-31',
    '2020-13-01',
    '2020-00-10',
    '2020-1-01',
    '20200101',
    '',
    20200101,
    null,
  ])('rejects %p', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });
});

describe('isMonthDay', () => {
  it.each(['02-29', '03-31', '12-31', '09-27', '01-01'])('accepts %s', (value) => {
    expect(isMonthDay(value)).toBe(true);
  });

  it.each(['02-30', '04-31', '13-01', '00-10', '3-31', '03-31-2020', 331])('rejects %p', (value) => {
    expect(isMonthDay(value)).toBe(false);
  });
});

describe('day arithmetic', () => {
  it('counts days from the Unix epoch', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    expect(fromDayNumber(11017)).toBe('2000-03-01');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('round-trips every day over four centuries', () => {
    const broken: number[] = [];
    for (let day = toDayNumber('1899-01-01'); day < toDayNumber('2301-01-01'); day += 1) {
      const date = fromDayNumber(day);
      if (toDayNumber(date) !== day || !isCalendarDate(date)) broken.push(day);
    }
    expect(broken).toEqual([]);
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2020-01-01', 366)).toBe('2021-01-01');
  });

  it('addMonths keeps the day of month, clamped', () => {
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2019-09-28', 3)).toBe('2019-12-28');
    expect(addMonths('2019-11-15', 3)).toBe('2020-02-15');
    expect(addMonths('2020-03-31', -1)).toBe('2020-02-29');
  });

  it('daysBetween', () => {
    expect(daysBetween('2016-03-31', '2020-03-31')).toBe(1461);
    expect(daysBetween('2020-03-31', '2016-03-31')).toBe(-1461);
  });

  it('compareDates', () => {
    expect(compareDates('2020-01-01', '2019-12-31')).toBe(1);
    expect(compareDates('2019-12-31', '2020-01-01')).toBe(-1);
    expect(compareDates('2020-01-01', '2020-01-01')).toBe(0);
  });
});
