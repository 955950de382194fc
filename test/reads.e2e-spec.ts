import { recordAlibabaStory } from './support/alibaba.js';
import { expectProblem, fieldsOf, startTestApp, type TestApp } from './support/test-app.js';

interface Row {
  targetId: string;
  status: string;
  early?: boolean;
  progress: string | null;
  figure: { period: string; value: string } | null;
  conversion: { basis: string; value: string } | null;
  terms: { deadline: string; value?: string; currency?: string };
  deEmphasized: boolean;
  discontinued: boolean;
  revisions: number;
}
interface Entry {
  position: number;
  type: string;
  recordedAt: string;
  businessDate: string | null;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  source: { title?: string } | null;
  reason: string | null;
}

describe('reads: the Alibaba story, its scoreboard, histories and as-of answers', () => {
  let t: TestApp;
  const rows = async (query = '') => {
    const res = await t.http().get(`/companies/alibaba/scoreboard${query}`).expect(200);
    return new Map((res.body as { targets: Row[] }).targets.map((r) => [r.targetId, r]));
  };

  beforeAll(async () => {
    t = await startTestApp();
    await recordAlibabaStory(t);
  });
  afterAll(() => t.close());

  it('lists companies and shows one with its metrics and their lifecycle', async () => {
    const list = await t.http().get('/companies').expect(200);
    expect(list.body).toEqual({ companies: [expect.objectContaining({ id: 'alibaba', metrics: 3, targets: 5 })] });
    const company = await t.http().get('/companies/alibaba').expect(200);
    const gmv = (company.body as { metrics: Array<Record<string, unknown>> }).metrics.find((m) => m.metricId === 'gmv');
    expect(gmv).toMatchObject({ deEmphasized: true, discontinued: true, redefined: true, lastPeriod: 'FY2022' });
  });

  it('shows the US$1 tn GMV target achieved through the company’s own USD translation, de-emphasis visible', async () => {
    const gmv1tn = (await rows()).get('gmv-1tn-usd-fy2020');
    expect(gmv1tn).toMatchObject({
      status: 'achieved',
      progress: '1',
      figure: { period: 'FY2020', value: '7053000000000' },
      conversion: { basis: 'own_translation', value: '1000000000000' },
      deEmphasized: true,
      discontinued: true,
    });
  });

  it('applies every status rule to the rest of the story', async () => {
    const board = await rows();
    expect(board.get('gmv-6tn-rmb-fy2020')).toMatchObject({
      status: 'achieved',
      conversion: { basis: 'same_currency' },
    });
    expect(board.get('gmv-10tn-rmb-fy2024')).toMatchObject({ status: 'unverifiable' });
    expect(board.get('consumers-china-1bn-fy2024')).toMatchObject({ status: 'achieved', early: true });
    expect(board.get('consumers-2bn')).toMatchObject({ status: 'pending', terms: { deadline: 'FY2036' } });
  });

  it('as of 2017-01-01 sees neither the FY2020 figure nor the later targets', async () => {
    const board = await rows('?asOf=2017-01-01');
    expect([...board.keys()].sort()).toEqual(['consumers-2bn', 'gmv-1tn-usd-fy2020', 'gmv-6tn-rmb-fy2020']);
    expect(board.get('gmv-1tn-usd-fy2020')).toMatchObject({ status: 'pending', figure: { period: 'FY2016' } });
    const gmv = await t.http().get('/companies/alibaba/metrics/gmv?asOf=2017-01-01').expect(200);
    expect((gmv.body as { figures: Array<{ period: string }> }).figures.map((f) => f.period)).toEqual([
      'FY2015',
      'FY2016',
    ]);
    expect(gmv.body).toMatchObject({ deEmphasized: true, discontinued: false, redefined: false });
  });

  it('recordedAsOf before the correction shows the deadline as first entered', async () => {
    const history = await t.http().get('/companies/alibaba/targets/consumers-2bn/history').expect(200);
    const entries = (history.body as { entries: Entry[] }).entries;
    expect(entries.map((e) => e.type)).toEqual(['TargetAnnounced', 'TargetCorrected', 'TargetReaffirmed']);
    const correction = entries[1];
    expect(correction.changes).toEqual(
      expect.arrayContaining([
        { field: 'deadline', from: 'FY2020', to: 'FY2036' },
        expect.objectContaining({ field: 'source', to: expect.objectContaining({ publisher: 'Fast Company' }) }),
      ]),
    );
    expect(correction.reason).toMatch(/within 20 years/);

    const before = new Date(Date.parse(correction.recordedAt) - 1).toISOString();
    const then = await t.http().get(`/companies/alibaba/targets/consumers-2bn?recordedAsOf=${before}`).expect(200);
    // Then the FY2020 consumer figure was not recorded yet either: the deadline had passed without a report.
    expect(then.body).toMatchObject({ terms: { deadline: 'FY2020' }, status: 'awaiting_report' });
    const thenHistory = await t.http().get(`/companies/alibaba/targets/consumers-2bn/history?recordedAsOf=${before}`);
    expect((thenHistory.body as { entries: Entry[] }).entries.map((e) => e.type)).toEqual(['TargetAnnounced']);
  });

  it('reads the de-emphasis, the redefinition and each figure naturally in the metric history', async () => {
    const res = await t.http().get('/companies/alibaba/metrics/gmv/history').expect(200);
    const entries = (res.body as { entries: Entry[] }).entries;
    const byType = (type: string) => entries.filter((e) => e.type === type);
    expect(byType('MetricDeEmphasized')[0]).toMatchObject({
      businessDate: '2016-06-14',
      changes: [{ field: 'deEmphasized', from: false, to: true }],
      source: { title: 'Alibaba: Jack Ma will den Umsatz bis 2020 verdoppeln' },
    });
    expect(byType('MetricRedefined')[0].changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'definition', to: expect.stringMatching(/Digital Economy/) }),
      ]),
    );
    expect(byType('FigureReported').map((e) => e.businessDate)).toEqual([
      '2016-05-05',
      '2016-05-05',
      '2020-05-22',
      '2021-05-13',
      '2022-05-26',
    ]);
  });

  it('gives every event of the company, oldest first, in the timeline', async () => {
    const res = await t.http().get('/companies/alibaba/timeline').expect(200);
    const entries = (res.body as { entries: Entry[] }).entries;
    expect(entries).toHaveLength(25);
    expect(entries.map((e) => e.position)).toEqual([...entries.map((e) => e.position)].sort((a, b) => a - b));
  });

  it('answers unknown ids with 404 and bad time parameters with 400 naming them', async () => {
    expectProblem(await t.http().get('/companies/nobody/scoreboard'), 404, 'COMPANY_NOT_FOUND');
    expectProblem(await t.http().get('/companies/alibaba/targets/nothing'), 404, 'TARGET_NOT_FOUND');
    expectProblem(await t.http().get('/companies/alibaba/metrics/nothing/history'), 404, 'METRIC_NOT_FOUND');
    expect(fieldsOf(expectProblem(await t.http().get('/companies/alibaba/scoreboard?asOf=2023-02-30'), 400))).toEqual([
      'asOf',
    ]);
    expect(
      fieldsOf(expectProblem(await t.http().get('/companies/alibaba/scoreboard?recordedAsOf=yesterday'), 400)),
    ).toEqual(['recordedAsOf']);
    expectProblem(await t.http().get('/companies/alibaba?recordedAsOf=2000-01-01T00:00:00Z'), 404, 'COMPANY_NOT_FOUND');
  });

  it('reads its own writes, and waits for minPosition', async () => {
    const write = await t
      .http()
      .post('/companies/alibaba/metrics/gmv/reinstatement')
      .send({ statedAt: '2024-01-01', source: { title: 'hypothetical' } })
      .expect(201);
    const { position } = write.body as { position: number };
    const company = await t.http().get(`/companies/alibaba?minPosition=${position}`).expect(200);
    const gmv = (company.body as { metrics: Array<Record<string, unknown>> }).metrics.find((m) => m.metricId === 'gmv');
    expect(gmv).toMatchObject({ deEmphasized: false, discontinued: false });
    // A position no write has had yet: answered at once, not after the 5 s wait.
    const beyond = await t.http().get(`/companies/alibaba?minPosition=${position + 1}`);
    expect(fieldsOf(expectProblem(beyond, 400, 'MIN_POSITION_BEYOND_LOG'))).toEqual(['minPosition']);
  });
});
