import Fastify from 'fastify';
import helmet from 'helmet';
import { addSecurityHeaders } from './security-headers.js';

describe('addSecurityHeaders', () => {
  it("sets helmet's headers on every answer, found or not, with the configured CSP", async () => {
    const app = Fastify();
    addSecurityHeaders(app, {
      contentSecurityPolicy: { useDefaults: true, directives: { 'upgrade-insecure-requests': null } },
    });
    app.get('/json', () => ({ ok: true }));
    for (const url of ['/json', '/missing']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'self';.*script-src 'self';/);
      expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
    }
    await app.close();
  });

  it('sets the same headers, with the same values, as helmet run on each answer', async () => {
    const options = { contentSecurityPolicy: { useDefaults: true, directives: { 'upgrade-insecure-requests': null } } };
    // The reference: helmet itself, as a hook on the raw response of every request.
    const reference = Fastify();
    const perRequest = helmet(options);
    reference.addHook('onRequest', (request, reply, done) => perRequest(request.raw, reply.raw, () => done()));
    const recorded = Fastify();
    addSecurityHeaders(recorded, options);
    for (const app of [reference, recorded]) app.get('/json', () => ({ ok: true }));
    const [expected, actual] = await Promise.all(
      [reference, recorded].map(async (app) => (await app.inject({ method: 'GET', url: '/json' })).headers),
    );
    const { date: _one, ...want } = expected;
    const { date: _two, ...got } = actual;
    expect(Object.keys(want).length).toBeGreaterThan(12);
    expect(got).toEqual(want);
    await Promise.all([reference.close(), recorded.close()]);
  });

  it('refuses CSP values computed per request, which headers recorded at start could not honour', () => {
    expect(() =>
      addSecurityHeaders(Fastify(), { contentSecurityPolicy: { directives: { 'script-src': [() => "'nonce-x'"] } } }),
    ).toThrow(/per request/);
  });

  it('builds helmet once, at start: bad options fail there, not on a request', () => {
    expect(() =>
      addSecurityHeaders(Fastify(), { contentSecurityPolicy: { directives: { 'script-src': ["'self'; evil"] } } }),
    ).toThrow();
  });
});
