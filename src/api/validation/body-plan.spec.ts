import 'reflect-metadata';
import fc from 'fast-check';
import { ValidationPipe } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Validate, ValidateNested, ValidatorConstraint } from 'class-validator';
import { ProblemException } from '../problem-details/problem.js';
import { AnnounceTargetRequestDto, ReviseTargetRequestDto } from '../targets/target.request.dto.js';
import { ReportFigureRequestDto } from '../figures/figure.request.dto.js';
import { readmeExampleBodies } from '../../../test/support/readme-examples.js';
import { REQUEST_VALIDATION, WRITE_COMMAND_TYPES } from '../write-commands.js';
import { acceptedBody } from './body-plan.js';
import { TranslationDto } from './fields.js';
import { SourceDto } from './source.dto.js';

const examples = readmeExampleBodies();

/** What the libraries answer: Nest's own ValidationPipe with the app's options. */
async function byLibraries(dto: new () => object, body: unknown) {
  try {
    return {
      dto: (await new ValidationPipe(REQUEST_VALIDATION).transform(body, { type: 'body', metatype: dto })) as object,
    };
  } catch (error) {
    if (error instanceof ProblemException) return { problem: error.problem };
    throw error;
  }
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('acceptedBody', () => {
  it('takes the example body of every write type, as the same instance the libraries make', async () => {
    expect(examples.map((e) => e.type).sort()).toEqual([...WRITE_COMMAND_TYPES].sort());
    for (const { dto, body } of examples) {
      const fast = acceptedBody(dto, copy(body));
      expect(fast).toBeDefined();
      expect(fast).toStrictEqual((await byLibraries(dto, copy(body))).dto);
    }
  });

  it('makes nested sources, translations and baselines instances of their classes, and keeps a null baseline', () => {
    const figure = acceptedBody(ReportFigureRequestDto, {
      period: 'FY2020',
      value: 12.5,
      reportedAt: '2020-05-22',
      source: { title: 'Annual report' },
      translations: [{ currency: 'USD', value: '1.8' }],
    });
    expect(figure?.source).toBeInstanceOf(SourceDto);
    expect(figure?.translations?.[0]).toBeInstanceOf(TranslationDto);
    const revision = acceptedBody(ReviseTargetRequestDto, {
      announcedAt: '2017-06-08',
      source: { url: 'https://example.com/r' },
      baseline: null,
    });
    expect(revision).toBeInstanceOf(ReviseTargetRequestDto);
    expect(revision?.baseline).toBeNull();
  });

  it('leaves to the libraries a body with an unknown or failing field, a wrong nested value, or a non-plain object', () => {
    const good = copy(examples.find((e) => e.type === 'ReportFigure')!.body);
    expect(acceptedBody(ReportFigureRequestDto, good)).toBeDefined();
    expect(acceptedBody(ReportFigureRequestDto, { ...good, extra: 1 })).toBeUndefined();
    expect(acceptedBody(ReportFigureRequestDto, { ...good, value: '1,000' })).toBeUndefined();
    expect(acceptedBody(ReportFigureRequestDto, { ...good, period: undefined })).toBeUndefined();
    expect(acceptedBody(ReportFigureRequestDto, { ...good, source: 'Annual report' })).toBeUndefined();
    expect(acceptedBody(ReportFigureRequestDto, { ...good, source: { title: 'x', extra: 1 } })).toBeUndefined();
    expect(acceptedBody(ReportFigureRequestDto, { ...good, translations: [['USD']] })).toBeUndefined();
    expect(acceptedBody(ReportFigureRequestDto, { ...good, source: new (class Source {})() })).toBeUndefined();
    // The inherited @IsOptional of the terms still applies to an announcement's comparator.
    const announce = copy(examples.find((e) => e.type === 'AnnounceTarget')!.body);
    expect(acceptedBody(AnnounceTargetRequestDto, { ...announce, comparator: 'above' })).toBeUndefined();
  });

  it('models nothing it does not know: an asynchronous constraint, @Transform, a field without metadata', () => {
    @ValidatorConstraint({ name: 'later', async: true })
    class Later {
      validate() {
        return Promise.resolve(true);
      }
    }
    class WithAsync {
      @Validate(Later)
      name!: string;
    }
    class WithTransform {
      @IsString()
      @Transform(({ value }: { value: unknown }) => String(value).trim())
      name!: string;
    }
    class WithBareField {
      @IsString()
      name!: string;

      note?: string = 'set by the constructor';
    }
    class Child {
      @IsString()
      name!: string;
    }
    class WithUntypedNested {
      @IsDefined()
      @ValidateNested()
      child!: Child;
    }
    class WithTypedNested {
      @IsOptional()
      @ValidateNested()
      @Type(() => Child)
      child?: Child;
    }
    expect(acceptedBody(WithAsync, { name: 'a' })).toBeUndefined();
    expect(acceptedBody(WithTransform, { name: ' a ' })).toBeUndefined();
    expect(acceptedBody(WithBareField, { name: 'a' })).toBeUndefined();
    expect(acceptedBody(WithUntypedNested, { child: { name: 'a' } })).toBeUndefined();
    expect(acceptedBody(WithTypedNested, { child: { name: 'a' } })?.child).toBeInstanceOf(Child);
    expect(acceptedBody(WithTypedNested, { child: { name: 1 } })).toBeUndefined();
  });

  /** Good and bad values of each field, so that generated bodies pass and fail often enough. */
  const dates = ['2020-05-22', '2021-02-29', '22/05/2020', ''];
  const decimals = ['12.5', 12.5, -3, '1e3', '1,000', 'abc', true];
  const texts = ['some text', '', 'x'.repeat(201), 7];
  const fields: Record<string, unknown[]> = {
    id: ['gmv', 'revenue-2bn', 'Not A Slug', ''],
    metricId: ['gmv', 'GMV'],
    name: texts,
    unit: ['currency', 'count', 'percent', 'furlongs'],
    definition: texts,
    fiscalYearEnd: ['12-31', '02-30', '3-31'],
    reportingCurrency: ['USD', 'usd'],
    from: ['EUR', 'eur'],
    to: ['USD', 'USDX'],
    rate: ['1.1413', '0', '-1', 'x'],
    period: ['FY2020', 'FY2021-Q3', 'CY2020-Q1', 'FY20', 2020],
    deadline: ['FY2025', 'FY2025-H1', 'soon'],
    lastPeriod: ['FY2023', 'Q3'],
    value: decimals,
    low: decimals,
    high: decimals,
    currency: ['USD', 'CNY', 'usd', 'US'],
    comparator: ['gte', 'lte', 'eq', 'between', 'above'],
    reportedAt: dates,
    announcedAt: dates,
    statedAt: dates,
    announcedBy: texts,
    reason: texts,
    note: texts,
    baseline: [{ period: 'FY2016' }, { period: 'FY16' }, { period: 'FY2016', extra: 1 }, {}, 'FY2016'],
    translations: [
      [{ currency: 'USD', value: '1.5' }],
      [{ currency: 'usd', value: 1 }],
      [{ currency: 'USD' }],
      [{ currency: 'USD', value: '1', extra: 1 }],
      ['USD'],
      [[{ currency: 'USD', value: '1' }]],
      [],
      {},
    ],
    source: [
      { title: 'Annual report' },
      { url: 'https://example.com/a' },
      { url: 'ftp://example.com/a' },
      { url: 'https://example.com/a', title: '' },
      {},
      { title: 'A', extra: 1 },
      'Annual report',
      [],
    ],
    extra: [1, 'x', {}],
  };
  /** Fields of a source, set inside it. */
  const sourceFields: Record<string, unknown[]> = {
    url: ['https://example.com/b', 'http://example.com', 'example.com', 'javascript:alert(1)', 'x'.repeat(2001)],
    title: ['B', '', 'x'.repeat(2001), 3],
    publisher: ['Reuters', '', 5],
    publishedAt: dates,
    quote: ['"quoted"', 4],
    language: ['de', 'en-US', 'english', 'e'],
    extra: [1],
  };
  const changeOf = (values: Record<string, unknown[]>, inSource: boolean) =>
    fc.constantFrom(...Object.keys(values)).chain((key) =>
      fc.record({
        key: fc.constant(key),
        inSource: fc.constant(inSource),
        value: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...values[key], null, undefined) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        ),
      }),
    );

  it('answers, for any body, either nothing or exactly what the libraries answer', async () => {
    const seen = { fast: 0, libraries: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...examples),
        fc.array(fc.oneof(changeOf(fields, false), changeOf(sourceFields, true)), { maxLength: 3 }),
        async ({ dto, body }, changes) => {
          const changed = copy(body);
          for (const { key, value, inSource } of changes) {
            const source = changed.source;
            const target =
              inSource && typeof source === 'object' && source !== null && !Array.isArray(source)
                ? (source as Record<string, unknown>)
                : changed;
            if (value === undefined) delete target[key];
            else target[key] = value;
          }
          const text = JSON.stringify(changed);
          const fast = acceptedBody(dto, JSON.parse(text) as Record<string, unknown>);
          const libraries = await byLibraries(dto, JSON.parse(text));
          if (fast === undefined) {
            seen.libraries++;
            return;
          }
          seen.fast++;
          expect(libraries).toStrictEqual({ dto: fast });
        },
      ),
      { numRuns: 1000, seed: 20261128 },
    );
    expect(seen.fast).toBeGreaterThan(100);
    expect(seen.libraries).toBeGreaterThan(100);
  });
});
