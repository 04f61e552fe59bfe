import { rmSync } from 'node:fs';
import t from 'tap';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { ADMIN_TOKEN, call, identificationRequest, readEventLog, stopProcess, tempDir } from './helpers.js';
import { compareWithScratch, findReadModelDb } from './read-model-convergence.js';

const COUNTRIES = ['ET', 'SO', 'TN', 'DZ', 'TR'];
const CLIENTS = 8;
const MAX_REQUESTS = 800;
const KILL_AFTER_ACKS = 300;

interface Sent {
  requestId: string;
  country: string;
  key: string | undefined;
  body: ReturnType<typeof identificationRequest>;
  outcome: 'acknowledged' | 'no-answer' | 'refused';
  ack?: { eventId: string; streamId: string; streamRevision: number; hash: string };
  status?: number;
}

t.test('SIGKILL under concurrent load loses no acknowledged fact', async (t) => {
  const dir = tempDir('crash');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: ADMIN_TOKEN };

  const started = Date.now();
  const first: ServerProcess = await startServer(env);
  t.comment(`server started in ${Date.now() - started} ms`);
  t.teardown(() => stopProcess(first, 'SIGKILL'));
  const created = await call(first.url, 'POST', '/v1/tokens', {
    token: ADMIN_TOKEN,
    body: { principal: 'desk-all', role: 'desk', countries: COUNTRIES },
  });
  t.equal(created.status, 201, created.text);
  const desk = created.body.token as string;

  const sent: Sent[] = [];
  let acknowledged = 0;
  let killed = false;
  const client = async (w: number) => {
    for (let i = 0; sent.length < MAX_REQUESTS; i++) {
      const requestId = `CRASH-${w}-${i}`;
      const entry: Sent = {
        requestId,
        country: COUNTRIES[(w + i) % COUNTRIES.length]!,
        key: i % 2 === 0 ? `crash-key-${w}-${i}` : undefined,
        body: identificationRequest(requestId),
        outcome: 'no-answer',
      };
      sent.push(entry);
      try {
        const res = await call(first.url, 'POST', `/v1/countries/${entry.country}/requests`, {
          token: desk,
          body: entry.body,
          headers: entry.key ? { 'idempotency-key': entry.key } : {},
        });
        entry.status = res.status;
        if (res.status === 201) {
          entry.outcome = 'acknowledged';
          entry.ack = { eventId: res.body.eventId, streamId: res.body.streamId, streamRevision: res.body.streamRevision, hash: res.body.hash };
          if (++acknowledged >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            first.child.kill('SIGKILL'); // mid-way: other clients have requests in flight
          }
        } else {
          entry.outcome = 'refused';
        }
      } catch {
        entry.outcome = 'no-answer'; // connection reset or refused: the process is gone
        if (killed) return;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, w) => client(w)));
  await stopProcess(first, 'SIGKILL');
  t.ok(killed, 'the server was killed while clients were posting');
  t.same(sent.filter((s) => s.outcome === 'refused').map((s) => s.status), [], 'no request was refused before the kill');

  // Restart on the same data directory; retry what never got an answer, but only where a retry is safe (Idempotency-Key).
  const second = await startServer(env);
  t.teardown(() => stopProcess(second, 'SIGKILL'));
  const unanswered = sent.filter((s) => s.outcome === 'no-answer');
  const retried = unanswered.filter((s) => s.key);
  let replayedAfterCrash = 0;
  for (const s of retried) {
    const res = await call(second.url, 'POST', `/v1/countries/${s.country}/requests`, { token: desk, body: s.body, headers: { 'idempotency-key': s.key! } });
    t.equal(res.status, 201, `retry of ${s.requestId} after the crash: ${res.text}`);
    if (res.headers.get('idempotent-replayed') === 'true') replayedAfterCrash++;
  }
  // Keys of acknowledged requests survived too: the same request answers with the original event.
  const ackedWithKey = sent.filter((s) => s.outcome === 'acknowledged' && s.key).slice(0, 20);
  for (const s of ackedWithKey) {
    const res = await call(second.url, 'POST', `/v1/countries/${s.country}/requests`, { token: desk, body: s.body, headers: { 'idempotency-key': s.key! } });
    t.equal(res.headers.get('idempotent-replayed'), 'true', `replay of ${s.requestId}`);
    t.equal(res.body?.eventId, s.ack!.eventId, `replay of ${s.requestId} names the original event`);
  }
  t.equal(await stopProcess(second, 'SIGTERM'), 0, 'the restarted server shuts down cleanly');

  const log = await readEventLog(dir);
  t.ok(log.verification.ok, `every hash chain verifies: ${JSON.stringify(log.verification)}`);
  const byId = new Map(log.events.map((e) => [e.eventId, e]));
  const acks = sent.filter((s) => s.outcome === 'acknowledged');
  const found = acks.filter((s) => {
    const e = byId.get(s.ack!.eventId);
    return e && e.streamId === s.ack!.streamId && e.streamRevision === s.ack!.streamRevision && e.hash === s.ack!.hash;
  });
  const lost = acks.length - found.length;
  t.comment(
    `crash safety: sent ${sent.length}, acknowledged ${acks.length}, found after restart ${found.length}, lost ${lost}` +
      ` (no answer at the kill: ${unanswered.length}; ${retried.length} retried with their Idempotency-Key, ${replayedAfterCrash} had committed before the kill)`,
  );
  t.equal(lost, 0, 'no acknowledged fact is lost');
  t.ok(acks.length >= KILL_AFTER_ACKS, 'enough facts were acknowledged before the kill');

  const requestIds = log.events.filter((e) => e.type === 'IdentificationRequestSubmitted').map((e) => e.data['requestId'] as string);
  t.equal(new Set(requestIds).size, requestIds.length, 'no request is recorded twice');
  for (const s of retried) t.ok(requestIds.includes(s.requestId), `retried ${s.requestId} is recorded once`);
  const acknowledgedIds = new Set(acks.map((s) => s.requestId));
  const unkeyedUnanswered = unanswered.filter((s) => !s.key);
  const extra = requestIds.filter((id) => !acknowledgedIds.has(id) && !retried.some((s) => s.requestId === id));
  t.ok(
    extra.every((id) => unkeyedUnanswered.some((s) => s.requestId === id)),
    'every other recorded fact is one whose request was in flight at the kill',
  );

  const readModels = findReadModelDb(dir);
  const skip = readModels
    ? false
    : 'the server does not run the read side yet (no read-model database with projection checkpoints in the data directory)';
  await t.test('read models converge to a rebuild from scratch', { skip }, async (t) => {
    const { live, scratch, head } = await compareWithScratch(dir, readModels!);
    t.same(live, scratch, `live read models after the crash equal a rebuild from scratch at position ${head}`);
  });
});
