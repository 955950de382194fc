import Fastify from 'fastify';
import { addWriteETags } from './write-etag.js';

describe('addWriteETags', () => {
  async function app() {
    const fastify = Fastify();
    addWriteETags(fastify);
    const result = { stream: 'metric-acme-gmv', revision: 4, position: 17 };
    fastify.post('/companies/:companyId/metrics/:metricId/figures', (_request, reply) => reply.code(201).send(result));
    fastify.post('/companies/:companyId/metrics', (_request, reply) =>
      reply.code(409).send({ code: 'REVISION_CONFLICT' }),
    );
    fastify.post('/not-a-write', (_request, reply) => reply.code(201).send(result));
    fastify.get('/companies/:companyId/metrics/:metricId/figures', () => result);
    await fastify.ready();
    return fastify;
  }

  it('answers a write of the table with the revision it wrote as a strong ETag, and nothing else with one', async () => {
    const fastify = await app();
    try {
      const written = await fastify.inject({ method: 'POST', url: '/companies/acme/metrics/gmv/figures' });
      expect(written.statusCode).toBe(201);
      expect(written.headers.etag).toBe('"4"');
      const refused = await fastify.inject({ method: 'POST', url: '/companies/acme/metrics' });
      expect(refused.statusCode).toBe(409);
      expect(refused.headers.etag).toBeUndefined();
      expect((await fastify.inject({ method: 'POST', url: '/not-a-write' })).headers.etag).toBeUndefined();
      expect(
        (await fastify.inject({ method: 'GET', url: '/companies/acme/metrics/gmv/figures' })).headers.etag,
      ).toBeUndefined();
    } finally {
      await fastify.close();
    }
  });
});
