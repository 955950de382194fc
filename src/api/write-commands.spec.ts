import 'reflect-metadata';
import { jest } from '@jest/globals';
import fc from 'fast-check';
import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { LedgerBusCommand } from '../application/ledger-commands.js';
import type { WriteOptions } from '../application/write-options.js';
import { CompaniesController } from './companies/companies.controller.js';
import { FiguresController } from './figures/figures.controller.js';
import { FxRatesController } from './fx-rates/fx-rates.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { TargetsController } from './targets/targets.controller.js';
import { readmeExampleBodies } from '../../test/support/readme-examples.js';
import { ProblemException } from './problem-details/problem.js';
import {
  REQUEST_VALIDATION,
  WRITE_COMMANDS,
  WRITE_COMMAND_TYPES,
  requestValidationPipe,
  routeOf,
  validateJsonBody,
  writeCommandOf,
} from './write-commands.js';

const options: WriteOptions = { actor: 'test', route: 'POST /x', correlationId: 'c-1' };
const ids = { newId: () => 'made-by-the-server' };
const source = { title: 'Annual report', url: 'https://example.com/ar' };

type AnyController = new (...args: never[]) => object;
const CONTROLLERS: AnyController[] = [
  CompaniesController,
  MetricsController,
  FiguresController,
  TargetsController,
  FxRatesController,
];

/** `POST /companies/{companyId}/metrics/{metricId}/figures` for every POST handler of the controllers. */
function controllerRoutes() {
  const routes: Array<{ route: string; bodyType: unknown }> = [];
  for (const controller of CONTROLLERS) {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string;
      const template = ['', base, path]
        .filter((part) => part !== '' && part !== '/')
        .join('/')
        .replace(/:(\w+)/g, '{$1}');
      const paramTypes = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as unknown[];
      routes.push({ route: `POST /${template.replace(/^\//, '')}`, bodyType: paramTypes.find((t) => t !== String) });
    }
  }
  return routes;
}

describe('WRITE_COMMANDS', () => {
  it('has one entry per write of the contract', () => {
    expect(WRITE_COMMAND_TYPES).toEqual([
      'RegisterCompany',
      'DefineMetric',
      'RedefineMetric',
      'DeEmphasizeMetric',
      'DiscontinueMetric',
      'ReinstateMetric',
      'ReportFigure',
      'RestateFigure',
      'CorrectFigure',
      'AnnounceTarget',
      'ReviseTarget',
      'ReaffirmTarget',
      'WithdrawTarget',
      'CorrectTarget',
      'RecordFxRate',
    ]);
  });

  it.each(WRITE_COMMAND_TYPES)('%s: the route template names exactly its path parameters', (type) => {
    const entry = WRITE_COMMANDS[type];
    const placeholders = [...entry.route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(placeholders).toEqual([...entry.params]);
    expect(entry.route).toMatch(/^POST \//);
  });

  it('matches the controllers route for route, and each route takes the same DTO class', () => {
    const fromControllers = controllerRoutes();
    const fromTable = WRITE_COMMAND_TYPES.map((type) => ({
      route: WRITE_COMMANDS[type].route,
      bodyType: WRITE_COMMANDS[type].dto,
    }));
    const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
    expect(fromControllers.sort(byRoute)).toEqual(fromTable.sort(byRoute));
  });

  it('finds entries by runtime type and nothing for other strings', () => {
    expect(writeCommandOf('ReportFigure')).toBe(WRITE_COMMANDS.ReportFigure);
    expect(writeCommandOf('toString')).toBeUndefined();
    expect(writeCommandOf('reportFigure')).toBeUndefined();
  });

  it('fills route templates', () => {
    expect(routeOf(WRITE_COMMANDS.RestateFigure, { companyId: 'acme', metricId: 'gmv', period: 'FY2020' })).toBe(
      'POST /companies/acme/metrics/gmv/figures/FY2020/restatements',
    );
    expect(() => routeOf(WRITE_COMMANDS.RestateFigure, { companyId: 'acme' })).toThrow(/metricId/);
  });
});

describe('toCommand', () => {
  it('builds the bus command class of the type, with the write options', () => {
    const command = WRITE_COMMANDS.RegisterCompany.toCommand(
      {},
      { id: 'acme', name: 'Acme', fiscalYearEnd: '03-31', reportingCurrency: 'CNY' },
      options,
      ids,
    );
    expect(command).toBeInstanceOf(LedgerBusCommand);
    expect(command.constructor.name).toBe('RegisterCompanyCommand');
    expect(command).toMatchObject({
      input: { companyId: 'acme', name: 'Acme', fiscalYearEnd: '03-31', reportingCurrency: 'CNY' },
      options,
    });
  });

  it('takes path parameters from the route, canonical decimals, and drops absent fields', () => {
    const command = WRITE_COMMANDS.ReportFigure.toCommand(
      { companyId: 'acme', metricId: 'gmv' },
      {
        period: 'FY2020',
        value: 7053e9,
        reportedAt: '2020-05-22',
        source: { ...source, publisher: undefined },
        translations: [{ currency: 'USD', value: '1000000000000.00' }],
      },
      options,
      ids,
    );
    expect(command.input).toEqual({
      companyId: 'acme',
      metricId: 'gmv',
      period: 'FY2020',
      value: '7053000000000',
      reportedAt: '2020-05-22',
      source,
      translations: [{ currency: 'USD', value: '1000000000000' }],
    });
  });

  it('makes a target id from the IdSource only when none is given', () => {
    const body = {
      metricId: 'gmv',
      comparator: 'gte' as const,
      value: '1',
      deadline: 'FY2020',
      announcedAt: '2016-06-14',
      source,
    };
    const made = WRITE_COMMANDS.AnnounceTarget.toCommand({ companyId: 'acme' }, body, options, ids);
    const given = WRITE_COMMANDS.AnnounceTarget.toCommand({ companyId: 'acme' }, { ...body, id: 'mine' }, options, ids);
    expect(made.input).toMatchObject({ targetId: 'made-by-the-server' });
    expect(given.input).toMatchObject({ targetId: 'mine' });
  });

  it('keeps baseline: null on a revision (it removes the baseline) and leaves out absent terms', () => {
    const command = WRITE_COMMANDS.ReviseTarget.toCommand(
      { companyId: 'acme', targetId: 't' },
      { baseline: null, value: '2', announcedAt: '2017-01-01', source },
      options,
      ids,
    );
    expect(command.input).toEqual({
      companyId: 'acme',
      targetId: 't',
      value: '2',
      baseline: null,
      announcedAt: '2017-01-01',
      source,
    });
  });

  it('adds lastPeriod to a discontinuation statement', () => {
    const command = WRITE_COMMANDS.DiscontinueMetric.toCommand(
      { companyId: 'acme', metricId: 'gmv' },
      { statedAt: '2023-05-18', lastPeriod: 'FY2022', source },
      options,
      ids,
    );
    expect(command.input).toEqual({
      companyId: 'acme',
      metricId: 'gmv',
      statedAt: '2023-05-18',
      lastPeriod: 'FY2022',
      source,
    });
  });
});

type Change =
  { kind: 'none' } | { kind: 'delete'; key: string } | { kind: 'set'; key: string; inSource: boolean; value: unknown };

describe('validateJsonBody', () => {
  /** The body of each example line of the README, without its type and path parameters. */
  const examples = readmeExampleBodies();

  const keys = ['id', 'name', 'value', 'period', 'source', 'reportedAt', 'translations', 'extra', 'comparator'];
  const specialKeys = ['__proto__', 'constructor', 'prototype'];
  /** A change to a body: a field removed, set to any JSON value, or a key the pipe strips added. */
  const change: fc.Arbitrary<Change> = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom(...keys) }),
    fc.record({
      kind: fc.constant('set' as const),
      key: fc.constantFrom(...keys, ...specialKeys),
      inSource: fc.boolean(),
      value: fc.jsonValue({ maxDepth: 3 }),
    }),
  );

  function changed(body: Record<string, unknown>, changes: readonly Change[]): string {
    const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
    for (const c of changes) {
      if (c.kind === 'delete') delete copy[c.key];
      if (c.kind !== 'set') continue;
      const source = copy.source;
      const target =
        c.inSource && typeof source === 'object' && source !== null && !Array.isArray(source)
          ? (source as Record<string, unknown>)
          : copy;
      // defineProperty: `__proto__` as an own key, as JSON.parse makes it.
      Object.defineProperty(target, c.key, {
        value: c.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return JSON.stringify(copy);
  }

  async function answer(validation: () => Promise<unknown>) {
    try {
      return { dto: await validation() };
    } catch (error) {
      if (error instanceof ProblemException) return { problem: error.problem };
      throw error;
    }
  }

  it("takes a JSON object body past Nest's pipe, and leaves anything else to it", async () => {
    const [{ dto, body }] = examples;
    const nest = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      const appPipe = requestValidationPipe();
      await appPipe.transform(JSON.parse(JSON.stringify(body)), { type: 'body', metatype: dto });
      expect(nest).not.toHaveBeenCalled();
      await expect(appPipe.transform([body], { type: 'body', metatype: dto })).rejects.toThrow(ProblemException);
      await appPipe.transform('acme', { type: 'param', metatype: String, data: 'companyId' });
      expect(nest).toHaveBeenCalledTimes(2);
    } finally {
      nest.mockRestore();
    }
  });

  it("gives Nest's pipe's DTO or problem, exactly, for bodies good and bad, as does the app's pipe", async () => {
    const pipe = new ValidationPipe(REQUEST_VALIDATION);
    const appPipe = requestValidationPipe();
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...examples),
        fc.array(change, { maxLength: 3 }),
        async ({ dto, body }, changes) => {
          const text = changed(body, changes);
          const byPipe = await answer(() => pipe.transform(JSON.parse(text), { type: 'body', metatype: dto }));
          const direct = await answer(() => validateJsonBody(dto, JSON.parse(text) as Record<string, unknown>));
          expect(direct).toStrictEqual(byPipe);
          const byAppPipe = await answer(() => appPipe.transform(JSON.parse(text), { type: 'body', metatype: dto }));
          expect(byAppPipe).toStrictEqual(byPipe);
          seen['dto' in direct ? 'accepted' : 'refused']++;
        },
      ),
      { numRuns: 400, seed: 20261127 },
    );
    // Both answers were compared often enough to mean something.
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});
