import Fastify from 'fastify';
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

  it('builds helmet once, at start: bad options fail there, not on a request', () => {
    expect(() =>
      addSecurityHeaders(Fastify(), { contentSecurityPolicy: { directives: { 'script-src': ["'self'; evil"] } } }),
    ).toThrow();
  });
});
