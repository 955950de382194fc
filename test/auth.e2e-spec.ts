import { Controller, Get, Module, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AccessKeys } from '../src/access/access-keys.js';
import { AppModule } from '../src/app.module.js';
import { parseConfig } from '../src/config/app-config.js';
import { ACCESS_METADATA } from '../src/access/access.decorator.js';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port.js';
import type { RouteAccess } from '../src/ledger/access/access-rights.js';
import { expectProblem, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Who may call what. The first spec checks this table against the Nest router, so a new route
 * cannot be forgotten here (nor left without an @Access, which would refuse it to everybody).
 */
const ROUTES: Record<string, RouteAccess> = {
  'POST /companies': 'write',
  'POST /companies/:companyId/metrics': 'write',
  'POST /companies/:companyId/metrics/:metricId/redefinitions': 'write',
  'POST /companies/:companyId/metrics/:metricId/de-emphasis': 'write',
  'POST /companies/:companyId/metrics/:metricId/discontinuation': 'write',
  'POST /companies/:companyId/metrics/:metricId/reinstatement': 'write',
  'POST /companies/:companyId/metrics/:metricId/figures': 'write',
  'POST /companies/:companyId/metrics/:metricId/figures/:period/restatements': 'write',
  'POST /companies/:companyId/metrics/:metricId/figures/:period/corrections': 'write',
  'POST /companies/:companyId/targets': 'write',
  'POST /companies/:companyId/targets/:targetId/revisions': 'write',
  'POST /companies/:companyId/targets/:targetId/reaffirmations': 'write',
  'POST /companies/:companyId/targets/:targetId/withdrawals': 'write',
  'POST /companies/:companyId/targets/:targetId/corrections': 'write',
  'POST /fx-rates': 'write',
  'GET /companies': 'read',
  'GET /companies/:companyId': 'read',
  'GET /companies/:companyId/scoreboard': 'read',
  'GET /companies/:companyId/timeline': 'read',
  'GET /companies/:companyId/targets/:targetId': 'read',
  'GET /companies/:companyId/targets/:targetId/history': 'read',
  'GET /companies/:companyId/metrics/:metricId': 'read',
  'GET /companies/:companyId/metrics/:metricId/history': 'read',
  'GET /audit/events': 'audit',
  'GET /audit/verify': 'audit',
  'GET /health': 'public',
  'GET /metrics': 'public',
};

/** Generous bounds: the machine may be busy; each of these finishes in a few seconds at most. */
const SLOW = 30_000;

const secret = (c: string) => `kpil_${c.repeat(43)}`;
const KEYS = { analyst: secret('a'), reader: secret('r'), auditor: secret('u'), revoked: secret('x') };
const API_KEYS = `alice:analyst:${KEYS.analyst},rita:reader:${KEYS.reader},udo:auditor:${KEYS.auditor},rex:reader:${KEYS.revoked}`;

type Caller = 'no key' | 'malformed' | 'unknown key' | 'revoked key' | 'analyst' | 'reader' | 'auditor';
const AUTHORIZATION: Record<Caller, string | undefined> = {
  'no key': undefined,
  malformed: `Basic ${Buffer.from('alice:pw').toString('base64')}`,
  'unknown key': `Bearer ${secret('z')}`,
  'revoked key': `Bearer ${KEYS.revoked}`,
  analyst: `Bearer ${KEYS.analyst}`,
  reader: `Bearer ${KEYS.reader}`,
  auditor: `Bearer ${KEYS.auditor}`,
};
const REFUSED: Partial<Record<Caller, string>> = {
  'no key': 'API_KEY_MISSING',
  malformed: 'API_KEY_MALFORMED',
  'unknown key': 'API_KEY_UNKNOWN',
  'revoked key': 'API_KEY_REVOKED',
};
const ALLOWED: Record<'analyst' | 'reader' | 'auditor', RouteAccess[]> = {
  analyst: ['public', 'read', 'write'],
  reader: ['public', 'read'],
  auditor: ['public', 'read', 'audit'],
};

/** Every route of every controller in the application, as "METHOD /path", with its declared access. */
function routerRoutes(t: TestApp): Map<string, RouteAccess | undefined> {
  const routes = new Map<string, RouteAccess | undefined>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as unknown as { prototype: Record<string, unknown> } & object;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
          .flatMap((part) => part.split('/'))
          .filter((part) => part !== '')
          .join('/');
        const access = (Reflect.getMetadata(ACCESS_METADATA, handler) ??
          Reflect.getMetadata(ACCESS_METADATA, controller)) as RouteAccess | undefined;
        routes.set(`${method} /${path}`, access);
      }
    }
  }
  return routes;
}

const concrete = (path: string) =>
  path
    .replace(':companyId', 'acme')
    .replace(':metricId', 'gmv')
    .replace(':targetId', 'gmv-1tn')
    .replace(':period', 'FY2020');

describe('access control', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS });
    await t.app.get(AccessKeys).revoke('rex', 'cli', 'left the team');
  }, SLOW);
  afterAll(() => t.close());

  const call = (route: string, caller: Caller) => {
    const [method, path] = route.split(' ');
    const req = method === 'POST' ? t.http().post(concrete(path)).send({}) : t.http().get(concrete(path));
    const authorization = AUTHORIZATION[caller];
    return authorization === undefined ? req : req.set('authorization', authorization);
  };

  it('declares the access of every route of the router, as this table says', () => {
    const routes = routerRoutes(t);
    expect([...routes.keys()].sort()).toEqual(Object.keys(ROUTES).sort());
    for (const [route, access] of routes) expect(`${route} → ${access}`).toBe(`${route} → ${ROUTES[route]}`);
  });

  it(
    'answers every route × every caller with the right status',
    async () => {
      let requests = 0;
      for (const route of Object.keys(ROUTES)) {
        for (const caller of Object.keys(AUTHORIZATION) as Caller[]) {
          const res = await call(route, caller);
          requests++;
          const access = ROUTES[route];
          const label = `${route} as ${caller}: ${res.status} ${(res.body as { code?: string }).code ?? ''}`;
          if (access === 'public') {
            expect(label).toBe(`${route} as ${caller}: 200 `);
          } else if (REFUSED[caller] !== undefined) {
            expect(label).toBe(`${route} as ${caller}: 401 ${REFUSED[caller]}`);
            expectProblem(res, 401, REFUSED[caller]);
            expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="kpi-ledger"/);
          } else if (!ALLOWED[caller as keyof typeof ALLOWED].includes(access)) {
            expect(label).toBe(`${route} as ${caller}: 403 ROLE_FORBIDDEN`);
          } else {
            // Past the guard: the empty body or unknown ids are what the answer is about now.
            expect(res.status).not.toBe(401);
            expect(res.status).not.toBe(403);
            expect(res.status).toBeLessThan(500);
          }
        }
      }
      expect(requests).toBe(Object.keys(ROUTES).length * 7);
    },
    SLOW,
  );

  it('records the name of the key on every write, and the grants, without secrets, in the audit log', async () => {
    await t
      .http()
      .post('/companies')
      .set('authorization', AUTHORIZATION.analyst ?? '')
      .send({ id: 'acme', name: 'Acme', fiscalYearEnd: '12-31', reportingCurrency: 'USD' })
      .expect(201);
    const log = await t
      .http()
      .get('/audit/events')
      .set('authorization', AUTHORIZATION.auditor ?? '')
      .expect(200);
    const events = (log.body as { events: Array<{ stream: string; type: string; metadata: { recordedBy: string } }> })
      .events;
    expect(events.find((e) => e.type === 'CompanyRegistered')?.metadata.recordedBy).toBe('alice');
    const access = events.filter((e) => e.stream === 'access-keys');
    expect(access.map((e) => `${e.type} by ${e.metadata.recordedBy}`)).toEqual([
      'KeyGranted by environment',
      'KeyGranted by environment',
      'KeyGranted by environment',
      'KeyGranted by environment',
      'KeyRevoked by cli',
    ]);
    for (const key of Object.values(KEYS)) expect(JSON.stringify(log.body)).not.toContain(key);
    const verify = await t
      .http()
      .get('/audit/verify')
      .set('authorization', AUTHORIZATION.auditor ?? '');
    expect(verify.body).toMatchObject({ ok: true });
  });

  it(
    'grants API_KEYS once across restarts, and a revoked key stays revoked',
    async () => {
      await t.restart();
      const keys = await t.app.get(AccessKeys).list();
      expect(keys.map((k) => `${k.name}:${k.role}:${k.revokedAt === undefined ? 'active' : 'revoked'}`)).toEqual([
        'alice:analyst:active',
        'rita:reader:active',
        'udo:auditor:active',
        'rex:reader:revoked',
      ]);
      expectProblem(await call('GET /companies', 'revoked key'), 401, 'API_KEY_REVOKED');
      expect((await call('GET /companies', 'reader')).status).toBe(200);
    },
    SLOW,
  );

  it('serves /docs and its scripts without a key, with helmet headers and a CSP they satisfy', async () => {
    const html = await t.http().get('/docs').expect(200);
    const csp = String(html.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    expect(html.headers['x-frame-options']).toBe('SAMEORIGIN');
    const scripts = [...html.text.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      // script-src 'self': only same-origin files, no inline code.
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1] ?? '';
      expect(src).toMatch(/^\.\/docs\//);
      await t.http().get(src.slice(1)).expect(200);
    }
    await t.http().get('/docs-json').expect(200);
    const api = await call('GET /companies', 'reader');
    expect(api.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a body over 64 KiB with 413 problem details', async () => {
    const res = await t
      .http()
      .post('/companies')
      .set('authorization', AUTHORIZATION.analyst ?? '')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ id: 'big', name: 'x'.repeat(70 * 1024) }));
    expectProblem(res, 413, 'BODY_TOO_LARGE');
  });

  it(
    'answers a failure inside with a 500 that shows no stack, SQL or store detail',
    async () => {
      const failing = await startTestApp({ API_KEYS });
      try {
        await failing.app.get<EventStore>(EVENT_STORE).close();
        const res = await failing
          .http()
          .get('/audit/events')
          .set('authorization', AUTHORIZATION.auditor ?? '');
        const body = expectProblem(res, 500);
        expect(body.detail).toBe('An unexpected error occurred; it has been logged.');
        expect(res.text).not.toMatch(/sqlite|SELECT|database|\bat .*\.js/i);
      } finally {
        await failing.close().catch(() => undefined);
      }
    },
    SLOW,
  );
});

describe('rate limit and CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS, RATE_LIMIT: '3/min', CORS_ORIGINS: 'https://dashboard.example' });
  }, SLOW);
  afterAll(() => t.close());

  it('limits each key on its own, answers 429 with Retry-After, and never limits GET /health', async () => {
    const read = (key: string) => t.http().get('/companies').set('authorization', `Bearer ${key}`);
    for (let i = 0; i < 3; i++) await read(KEYS.reader).expect(200);
    const limited = await read(KEYS.reader);
    expectProblem(limited, 429, 'RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await read(KEYS.auditor).expect(200);
    for (let i = 0; i < 5; i++) await t.http().get('/health').expect(200);
  });

  it('limits callers without a valid key by IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await t.http().get('/companies').set('authorization', 'Bearer nope')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('allows the configured origins only', async () => {
    const allowed = await t
      .http()
      .options('/companies')
      .set('origin', 'https://dashboard.example')
      .set('access-control-request-method', 'GET')
      .set('access-control-request-headers', 'authorization');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.example');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    const other = await t.http().get('/health').set('origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('a route without @Access', () => {
  @Controller('undeclared')
  class UndeclaredController {
    @Get()
    get() {
      return { served: true };
    }
  }
  @Module({
    imports: [AppModule.forRoot(parseConfig({ EVENT_STORE_URL: 'memory:', READ_MODEL_URL: 'memory:' }))],
    controllers: [UndeclaredController],
  })
  class WithUndeclaredRoute {}

  it(
    'is refused to everybody, even in open mode',
    async () => {
      const app = await NestFactory.create<NestFastifyApplication>(WithUndeclaredRoute, new FastifyAdapter(), {
        logger: false,
      });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      try {
        expectProblem(await request(app.getHttpServer()).get('/undeclared'), 403, 'ACCESS_NOT_DECLARED');
        await request(app.getHttpServer()).get('/companies').expect(200);
      } finally {
        await app.close();
      }
    },
    SLOW,
  );
});
