/**
 * Baseline for the ingest scenarios: a bare fastify POST route that parses the JSON body and
 * answers 201 with a small JSON document, nothing else (no validation, auth or storage).
 * Run as its own process: `node --import tsx bench/servers/bare-fastify.ts` (PORT, HOST from env).
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
let position = 0;
app.post('/v1/countries/:country/:family', async (req, reply) => {
  const body = req.body as { type?: string };
  position++;
  return reply.code(201).send({ eventId: randomUUID(), type: body.type, streamRevision: position, position });
});

const address = await app.listen({ port: Number(process.env['PORT'] ?? 0), host: process.env['HOST'] ?? '127.0.0.1' });
process.stdout.write(`bare fastify listening on ${address}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
