import { eventsAsOf } from './bitemporal.js';
import { foldCompanyLedger } from './company-ledger.projection.js';
import { LedgerScript } from './test-events.js';

const figureValue = (script: LedgerScript, options: Parameters<typeof eventsAsOf>[1]) =>
  foldCompanyLedger(eventsAsOf(script.companyEvents, options)).metrics.revenue?.figures['2020-01-01..2020-12-31']
    ?.value ?? null;

const types = (script: LedgerScript, options: Parameters<typeof eventsAsOf>[1]) =>
  eventsAsOf(script.events, options).map((e) => e.type);

describe('eventsAsOf', () => {
  const reported = () =>
    new LedgerScript()
      .recordAt('2021-01-01T09:00:00.000Z')
      .register()
      .define('revenue')
      .recordAt('2021-02-10T10:00:00.000Z')
      .report('revenue', 'FY2020', '100', '2021-02-10');

  it('keeps everything without options, in the order given', () => {
    const script = reported().correctFigure('revenue', 'FY2020', { value: '110' });
    expect(eventsAsOf(script.events)).toEqual(script.events);
  });

  describe('recordedAsOf: the ledger exactly as it stood then', () => {
    it('does not see a correction recorded later', () => {
      const script = reported()
        .recordAt('2021-03-01T12:00:00.000Z')
        .correctFigure('revenue', 'FY2020', { value: '110' });
      expect(figureValue(script, { recordedAsOf: '2021-03-01T11:59:59.999Z' })).toBe('100');
      expect(figureValue(script, {})).toBe('110');
    });

    it('compares at millisecond precision, whatever the notation', () => {
      const script = reported();
      expect(figureValue(script, { recordedAsOf: '2021-02-10T10:00:00.000Z' })).toBe('100');
      expect(figureValue(script, { recordedAsOf: '2021-02-10T10:00:00Z' })).toBe('100');
      expect(figureValue(script, { recordedAsOf: '2021-02-10T11:00:00+01:00' })).toBe('100');
      expect(figureValue(script, { recordedAsOf: '2021-02-10T09:59:59.999Z' })).toBeNull();
    });

    it("compares by instant an event whose recordedAt is not in the writer's own notation", () => {
      const events = reported().companyEvents.map((event) =>
        event.type === 'FigureReported'
          ? { ...event, metadata: { ...event.metadata, recordedAt: '2021-02-10T11:00:00+01:00' } }
          : event,
      );
      const at = (recordedAsOf: string) => eventsAsOf(events, { recordedAsOf }).map((e) => e.type);
      expect(at('2021-02-10T10:00:00.000Z')).toContain('FigureReported');
      expect(at('2021-02-10T09:59:59.999Z')).not.toContain('FigureReported');
    });

    it('refuses what is not an instant', () => {
      expect(() => eventsAsOf(reported().events, { recordedAsOf: 'yesterday' })).toThrow(RangeError);
    });
  });

  describe('asOf: facts public by that date, as currently recorded', () => {
    it('does not see a figure before its reportedAt', () => {
      const script = reported();
      expect(figureValue(script, { asOf: '2021-02-09' })).toBeNull();
      expect(figureValue(script, { asOf: '2021-02-10' })).toBe('100');
    });

    it('always keeps the registration and the definition, which have no business date', () => {
      expect(types(reported(), { asOf: '1990-01-01' })).toEqual(['CompanyRegistered', 'MetricDefined']);
    });

    it('sees a correction exactly when it sees the corrected figure, and uses the corrected value', () => {
      const script = reported()
        .recordAt('2022-01-01T00:00:00.000Z')
        .correctFigure('revenue', 'FY2020', { value: '110' });
      expect(figureValue(script, { asOf: '2021-02-09' })).toBeNull();
      expect(types(script, { asOf: '2021-02-09' })).not.toContain('FigureCorrected');
      // recorded long after 2021-02-10, yet part of the fact as currently recorded
      expect(figureValue(script, { asOf: '2021-02-10' })).toBe('110');
    });

    it('lets a correction of reportedAt decide with the corrected date', () => {
      const later = reported().correctFigure('revenue', 'FY2020', { reportedAt: '2021-03-15' });
      expect(figureValue(later, { asOf: '2021-03-01' })).toBeNull();
      expect(types(later, { asOf: '2021-03-01' })).toEqual(['CompanyRegistered', 'MetricDefined']);
      expect(figureValue(later, { asOf: '2021-03-15' })).toBe('100');

      const earlier = reported().correctFigure('revenue', 'FY2020', { reportedAt: '2021-02-01', value: '90' });
      expect(figureValue(earlier, { asOf: '2021-02-05' })).toBe('90');
    });

    it('combined with recordedAsOf, judges by the date as it was recorded then', () => {
      const script = reported()
        .recordAt('2022-01-01T00:00:00.000Z')
        .correctFigure('revenue', 'FY2020', { reportedAt: '2021-03-15' });
      expect(figureValue(script, { asOf: '2021-03-01', recordedAsOf: '2021-12-31T00:00:00Z' })).toBe('100');
      expect(figureValue(script, { asOf: '2021-03-01' })).toBeNull();
    });

    it('sees a restatement only from its own reportedAt', () => {
      const script = reported().restate('revenue', 'FY2020', '105', '2021-08-01');
      expect(figureValue(script, { asOf: '2021-07-31' })).toBe('100');
      expect(figureValue(script, { asOf: '2021-08-01' })).toBe('105');
    });

    it('shows the terms in force at the date: a later revision is invisible', () => {
      const script = reported()
        .announce('t', 'revenue', { comparator: 'gte', value: '200', deadline: 'FY2022', announcedAt: '2021-03-01' })
        .revise('t', { value: '250', announcedAt: '2021-09-01' });
      const termsAt = (asOf: string) => foldCompanyLedger(eventsAsOf(script.events, { asOf })).targets.t?.terms.value;
      expect(termsAt('2021-02-28')).toBeUndefined();
      expect(termsAt('2021-08-31')).toBe('200');
      expect(termsAt('2021-09-01')).toBe('250');
    });

    it('moves a target announcement with a correction of its announcedAt', () => {
      const script = reported()
        .announce('t', 'revenue', { comparator: 'gte', value: '200', deadline: 'FY2022', announcedAt: '2021-03-01' })
        .correctTarget('t', { announcedAt: '2021-04-01', value: '210' });
      const at = (asOf: string) => foldCompanyLedger(eventsAsOf(script.events, { asOf })).targets.t ?? null;
      expect(at('2021-03-15')).toBeNull();
      expect(at('2021-04-01')).toMatchObject({ announcedAt: '2021-04-01', terms: { value: '210' } });
    });

    it('dates metric lifecycle statements by statedAt and FX rates by their date or period start', () => {
      const script = reported()
        .deEmphasize('revenue', '2021-06-01')
        .fxRate('CNY', 'USD', '0.15', { period: 'CY2021' })
        .fxRate('CNY', 'USD', '0.16', { date: '2021-12-31' });
      expect(types(script, { asOf: '2021-05-31' })).toEqual([
        'CompanyRegistered',
        'MetricDefined',
        'FigureReported',
        'FxRateRecorded',
      ]);
      expect(types(script, { asOf: '2021-12-31' })).toHaveLength(6);
    });
  });
});
