import { hash } from 'node:crypto';
import { type ArgumentMetadata, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { stripProtoKeys } from '@nestjs/common/utils/strip-proto-keys.util.js';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, type ValidatorOptions, validate } from 'class-validator';
import type { IdSource } from '../application/clock.js';
import { canonicalJson } from '../shared/canonical-json.js';
import {
  AnnounceTargetCommand,
  CorrectFigureCommand,
  CorrectTargetCommand,
  DeEmphasizeMetricCommand,
  DefineMetricCommand,
  DiscontinueMetricCommand,
  type LedgerBusCommand,
  ReaffirmTargetCommand,
  RecordFxRateCommand,
  RedefineMetricCommand,
  RegisterCompanyCommand,
  ReinstateMetricCommand,
  ReportFigureCommand,
  RestateFigureCommand,
  ReviseTargetCommand,
  WithdrawTargetCommand,
} from '../application/ledger-commands.js';
import type { WriteOptions } from '../application/write-options.js';
import { RegisterCompanyRequestDto } from './companies/register-company.request.dto.js';
import { validationProblem } from './problem-details/problem.js';
import { flattenValidationErrors } from './problem-details/validation-errors.js';
import {
  CorrectFigureRequestDto,
  ReportFigureRequestDto,
  RestateFigureRequestDto,
} from './figures/figure.request.dto.js';
import { RecordFxRateRequestDto } from './fx-rates/record-fx-rate.request.dto.js';
import { DefineMetricRequestDto } from './metrics/define-metric.request.dto.js';
import { DiscontinueMetricRequestDto, MetricStatementRequestDto } from './metrics/metric-lifecycle.request.dto.js';
import { RedefineMetricRequestDto } from './metrics/redefine-metric.request.dto.js';
import {
  AnnounceTargetRequestDto,
  CorrectTargetRequestDto,
  ReaffirmTargetRequestDto,
  ReviseTargetRequestDto,
  WithdrawTargetRequestDto,
} from './targets/target.request.dto.js';
import { acceptedBody } from './validation/body-plan.js';
import { compact, decimal, optionalDecimal, optionalSource, source, translations } from './validation/to-domain.js';

/**
 * The one table from a write request (validated DTO + path parameters) to its bus command. The
 * HTTP controllers and the `kpi-ledger import` command both go through it, so a line of an import
 * file and the equivalent HTTP request can never be mapped differently.
 */

/** Path parameters of the write routes, named as in the route templates. */
export type PathParam = 'companyId' | 'metricId' | 'targetId' | 'period';

export interface WriteCommandDef<D extends object, P extends PathParam> {
  /** The request body's class: validated with class-validator by the API and by the importer alike. */
  readonly dto: new () => D;
  /** The path parameters the route takes, in route order. */
  readonly params: readonly P[];
  /** `POST /companies/{companyId}/metrics`: the HTTP route, with `{param}` placeholders. */
  readonly route: string;
  /** Builds the bus command; `ids` makes the server-side ids (targets announced without one). */
  toCommand(
    params: Readonly<Record<P, string>>,
    dto: D,
    options: WriteOptions,
    ids: IdSource,
  ): LedgerBusCommand<object>;
}

/** Erased form for callers that pick an entry by a runtime `type` (the importer). */
export type AnyWriteCommand = WriteCommandDef<object, PathParam>;

// Only infers the type parameters of each entry: the table stays a plain object literal.
const def = <D extends object, P extends PathParam = never>(entry: WriteCommandDef<D, P>) => entry;

type TermsBody = Pick<
  ReviseTargetRequestDto,
  'comparator' | 'value' | 'low' | 'high' | 'currency' | 'deadline' | 'baseline'
>;

/** Term fields of a revision or correction; `baseline: null` removes the baseline. */
function termsChange(body: TermsBody) {
  return {
    ...compact({
      comparator: body.comparator,
      value: optionalDecimal(body.value),
      low: optionalDecimal(body.low),
      high: optionalDecimal(body.high),
      currency: body.currency,
      deadline: body.deadline,
    }),
    ...(body.baseline === null
      ? { baseline: null }
      : body.baseline
        ? { baseline: { period: body.baseline.period } }
        : {}),
  };
}

/** De-emphasis, discontinuation and reinstatement: the company said so, on a date, somewhere. */
function statement(companyId: string, metricId: string, body: MetricStatementRequestDto) {
  return compact({ companyId, metricId, statedAt: body.statedAt, source: source(body.source), note: body.note });
}

export const WRITE_COMMANDS = {
  RegisterCompany: def({
    dto: RegisterCompanyRequestDto,
    params: [],
    route: 'POST /companies',
    toCommand: (_params, body, options) =>
      new RegisterCompanyCommand(
        {
          companyId: body.id,
          name: body.name,
          fiscalYearEnd: body.fiscalYearEnd,
          reportingCurrency: body.reportingCurrency,
        },
        options,
      ),
  }),

  DefineMetric: def({
    dto: DefineMetricRequestDto,
    params: ['companyId'],
    route: 'POST /companies/{companyId}/metrics',
    toCommand: ({ companyId }, body, options) =>
      new DefineMetricCommand(
        compact({
          companyId,
          metricId: body.id,
          name: body.name,
          unit: body.unit,
          definition: body.definition,
          source: optionalSource(body.source),
        }),
        options,
      ),
  }),

  RedefineMetric: def({
    dto: RedefineMetricRequestDto,
    params: ['companyId', 'metricId'],
    route: 'POST /companies/{companyId}/metrics/{metricId}/redefinitions',
    toCommand: ({ companyId, metricId }, body, options) =>
      new RedefineMetricCommand(
        compact({
          companyId,
          metricId,
          definition: body.definition,
          effectiveFrom: body.effectiveFrom,
          statedAt: body.statedAt,
          source: source(body.source),
          reason: body.reason,
        }),
        options,
      ),
  }),

  DeEmphasizeMetric: def({
    dto: MetricStatementRequestDto,
    params: ['companyId', 'metricId'],
    route: 'POST /companies/{companyId}/metrics/{metricId}/de-emphasis',
    toCommand: ({ companyId, metricId }, body, options) =>
      new DeEmphasizeMetricCommand(statement(companyId, metricId, body), options),
  }),

  DiscontinueMetric: def({
    dto: DiscontinueMetricRequestDto,
    params: ['companyId', 'metricId'],
    route: 'POST /companies/{companyId}/metrics/{metricId}/discontinuation',
    toCommand: ({ companyId, metricId }, body, options) =>
      new DiscontinueMetricCommand(
        compact({ ...statement(companyId, metricId, body), lastPeriod: body.lastPeriod }),
        options,
      ),
  }),

  ReinstateMetric: def({
    dto: MetricStatementRequestDto,
    params: ['companyId', 'metricId'],
    route: 'POST /companies/{companyId}/metrics/{metricId}/reinstatement',
    toCommand: ({ companyId, metricId }, body, options) =>
      new ReinstateMetricCommand(statement(companyId, metricId, body), options),
  }),

  ReportFigure: def({
    dto: ReportFigureRequestDto,
    params: ['companyId', 'metricId'],
    route: 'POST /companies/{companyId}/metrics/{metricId}/figures',
    toCommand: ({ companyId, metricId }, body, options) =>
      new ReportFigureCommand(
        compact({
          companyId,
          metricId,
          period: body.period,
          value: decimal(body.value),
          currency: body.currency,
          reportedAt: body.reportedAt,
          source: source(body.source),
          translations: translations(body.translations),
        }),
        options,
      ),
  }),

  RestateFigure: def({
    dto: RestateFigureRequestDto,
    params: ['companyId', 'metricId', 'period'],
    route: 'POST /companies/{companyId}/metrics/{metricId}/figures/{period}/restatements',
    toCommand: ({ companyId, metricId, period }, body, options) =>
      new RestateFigureCommand(
        compact({
          companyId,
          metricId,
          period,
          value: decimal(body.value),
          currency: body.currency,
          reportedAt: body.reportedAt,
          source: source(body.source),
          reason: body.reason,
          translations: translations(body.translations),
        }),
        options,
      ),
  }),

  CorrectFigure: def({
    dto: CorrectFigureRequestDto,
    params: ['companyId', 'metricId', 'period'],
    route: 'POST /companies/{companyId}/metrics/{metricId}/figures/{period}/corrections',
    toCommand: ({ companyId, metricId, period }, body, options) =>
      new CorrectFigureCommand(
        compact({
          companyId,
          metricId,
          period,
          value: optionalDecimal(body.value),
          currency: body.currency,
          reportedAt: body.reportedAt,
          source: optionalSource(body.source),
          translations: translations(body.translations),
          reason: body.reason,
        }),
        options,
      ),
  }),

  AnnounceTarget: def({
    dto: AnnounceTargetRequestDto,
    params: ['companyId'],
    route: 'POST /companies/{companyId}/targets',
    toCommand: ({ companyId }, body, options, ids) =>
      new AnnounceTargetCommand(
        compact({
          companyId,
          targetId: body.id ?? ids.newId(),
          metricId: body.metricId,
          comparator: body.comparator,
          value: optionalDecimal(body.value),
          low: optionalDecimal(body.low),
          high: optionalDecimal(body.high),
          currency: body.currency,
          deadline: body.deadline,
          baseline: body.baseline ? { period: body.baseline.period } : undefined,
          announcedAt: body.announcedAt,
          announcedBy: body.announcedBy,
          source: source(body.source),
          note: body.note,
        }),
        options,
      ),
  }),

  ReviseTarget: def({
    dto: ReviseTargetRequestDto,
    params: ['companyId', 'targetId'],
    route: 'POST /companies/{companyId}/targets/{targetId}/revisions',
    toCommand: ({ companyId, targetId }, body, options) =>
      new ReviseTargetCommand(
        {
          ...termsChange(body),
          ...compact({
            companyId,
            targetId,
            announcedAt: body.announcedAt,
            source: source(body.source),
            reason: body.reason,
          }),
        },
        options,
      ),
  }),

  ReaffirmTarget: def({
    dto: ReaffirmTargetRequestDto,
    params: ['companyId', 'targetId'],
    route: 'POST /companies/{companyId}/targets/{targetId}/reaffirmations',
    toCommand: ({ companyId, targetId }, body, options) =>
      new ReaffirmTargetCommand(
        { companyId, targetId, announcedAt: body.announcedAt, source: source(body.source) },
        options,
      ),
  }),

  WithdrawTarget: def({
    dto: WithdrawTargetRequestDto,
    params: ['companyId', 'targetId'],
    route: 'POST /companies/{companyId}/targets/{targetId}/withdrawals',
    toCommand: ({ companyId, targetId }, body, options) =>
      new WithdrawTargetCommand(
        compact({
          companyId,
          targetId,
          announcedAt: body.announcedAt,
          source: source(body.source),
          reason: body.reason,
        }),
        options,
      ),
  }),

  CorrectTarget: def({
    dto: CorrectTargetRequestDto,
    params: ['companyId', 'targetId'],
    route: 'POST /companies/{companyId}/targets/{targetId}/corrections',
    toCommand: ({ companyId, targetId }, body, options) =>
      new CorrectTargetCommand(
        {
          ...termsChange(body),
          ...compact({
            companyId,
            targetId,
            announcedAt: body.announcedAt,
            announcedBy: body.announcedBy,
            source: optionalSource(body.source),
            reason: body.reason,
          }),
        },
        options,
      ),
  }),

  RecordFxRate: def({
    dto: RecordFxRateRequestDto,
    params: [],
    route: 'POST /fx-rates',
    toCommand: (_params, body, options) =>
      new RecordFxRateCommand(
        compact({
          from: body.from,
          to: body.to,
          rate: decimal(body.rate),
          period: body.period,
          date: body.date,
          source: source(body.source),
        }),
        options,
      ),
  }),
};

export type WriteCommandType = keyof typeof WRITE_COMMANDS;

export const WRITE_COMMAND_TYPES = Object.keys(WRITE_COMMANDS) as WriteCommandType[];

/** The entry for a runtime `type` (an import line's), or undefined when there is none. */
export function writeCommandOf(type: string): AnyWriteCommand | undefined {
  return Object.prototype.hasOwnProperty.call(WRITE_COMMANDS, type)
    ? WRITE_COMMANDS[type as WriteCommandType]
    : undefined;
}

/** `POST /companies/{companyId}/metrics` + `{ companyId: 'acme' }` → `POST /companies/acme/metrics`. */
export function routeOf(entry: Pick<AnyWriteCommand, 'route'>, params: Readonly<Partial<Record<PathParam, string>>>) {
  return entry.route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name as PathParam];
    if (value === undefined) throw new Error(`route ${entry.route} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/**
 * What an Idempotency-Key is bound to: SHA-256 of the body's canonical JSON (an absent body as
 * null). The same for an HTTP request and an import line, so either replays only the same body.
 */
export function requestHashOf(body: unknown): string {
  return hash('sha256', canonicalJson(body ?? null), 'hex');
}

/** class-validator's options of the request-body validation: unknown fields refused. */
const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const satisfies ValidatorOptions;

/** Errors flattened to the JSON paths the client sent, as the VALIDATION_FAILED problem. */
const toProblem = (errors: ValidationError[]) => validationProblem(flattenValidationErrors(errors));

/**
 * The request validation of the HTTP app (see `createApp` in app.ts), also for writers that do not
 * come through HTTP: unknown fields refused, errors flattened to the JSON paths the client sent,
 * thrown as the same VALIDATION_FAILED problem.
 */
export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe(REQUEST_VALIDATION);
}

/** The options of requestValidationPipe(), which Nest's own pipe with them answers exactly like. */
export const REQUEST_VALIDATION = {
  ...VALIDATOR_OPTIONS,
  transform: true,
  exceptionFactory: toProblem,
} as const satisfies ValidationPipeOptions;

/**
 * Nest's ValidationPipe, but a body that is a JSON object goes through `validateJsonBody`: the app
 * parses no other kind of body (text/plain is removed, others answer 415), so the pipe's walks for
 * sparse arrays and binary values find nothing in it. They were a third of the pipe's time, and
 * the pipe 11.7 % of the request thread of a figure write (profile of `bench --only writes`).
 * Everything else (queries, path parameters, a body that is an array or a primitive) is the
 * pipe's.
 */
class RequestValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { type, metatype } = metadata;
    if (
      type === 'body' &&
      this.expectedType === undefined &&
      metatype !== undefined &&
      this.toValidate(metadata) &&
      isJsonObject(value)
    ) {
      return validateJsonBody(metatype as new () => object, value);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * What requestValidationPipe() does to a body parsed from JSON text (an import line's), step for
 * step, without the pipe's steps for values JSON cannot hold: it also closes the gaps of sparse
 * arrays, looks for binary values among the nested objects and stands in for a primitive or an
 * array body, three walks that find nothing in parsed JSON and were a fifth of its cost per line.
 * Returns the same DTO instance and throws the same problem; a spec compares the two on bodies
 * good and bad. A body that passes is taken by the body plan (body-plan.ts) without the libraries.
 */
export async function validateJsonBody<D extends object>(dto: new () => D, body: Record<string, unknown>): Promise<D> {
  // As the pipe: `__proto__`, `prototype` and `constructor` keys are dropped, not refused.
  stripProtoKeys(body);
  // The same decorators, read once per class: a body that passes never needs the libraries.
  const accepted = acceptedBody(dto, body);
  if (accepted !== undefined) return accepted;
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw toProblem(errors);
  return instance;
}
