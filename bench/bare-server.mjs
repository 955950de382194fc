#!/usr/bin/env node
// The baselines' server: bare Fastify (the same major as the app's, from node_modules) doing the
// least a durable ledger must do, with better-sqlite3 on a WAL file with synchronous=FULL.
//   POST /*                          append: read the stream's last revision and insert, in one
//                                    transaction (BEGIN IMMEDIATE), the stream being the URL
//   GET /companies/:id/scoreboard   read one row (a stored JSON document) by key
// Usage: PORT=… node bench/bare-server.mjs <db file>
import Fastify from 'fastify';
import Database from 'better-sqlite3';

const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL,
  data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream, revision)) STRICT;
CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, doc TEXT NOT NULL) STRICT;`);
const head = db.prepare('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1');
const insert = db.prepare('INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
const readDoc = db.prepare('SELECT doc FROM docs WHERE key = ?');
const append = db.transaction((stream, data) => {
  const last = head.get(stream);
  const revision = last === undefined ? 0 : last.revision + 1;
  const metadata = JSON.stringify({ recordedAt: new Date().toISOString() });
  const { lastInsertRowid } = insert.run(stream, revision, 'Appended', JSON.stringify(data), metadata);
  return { stream, revision, position: Number(lastInsertRowid) };
});

const app = Fastify({ bodyLimit: 64 * 1024 });
app.post('/*', async (request, reply) => {
  reply.code(201);
  return append.immediate(request.url, request.body);
});
app.get('/companies/:id/scoreboard', async (request, reply) => {
  const row = readDoc.get(request.params.id);
  if (row === undefined) return reply.code(404).send({ code: 'COMPANY_NOT_FOUND' });
  return reply.header('content-type', 'application/json; charset=utf-8').send(row.doc);
});
app.get('/health', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write(`bare-server: listening on ${process.env.PORT}\n`);
