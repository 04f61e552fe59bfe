import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import t from 'tap';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { physicalTable } from '../../../src/projection-runtime/read-model-db.js';
import { replayAndCompare } from '../../../src/audit/replay.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, provenance, startTestApp } from '../../helpers/test-app.js';
import { childEnv } from '../../helpers/child-env.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

async function replayCli(dataDir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/replay.ts', '--data-dir', dataDir], { cwd: root, env: childEnv() });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

t.test('replay: no difference on a healthy database; planted differences are found (function and CLI)', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const ids: Record<string, string> = {};
  for (const step of ethiopiaStory) {
    const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${step.family}`, headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: step.body });
    t.equal(res.statusCode, 201, res.body);
    ids[step.body.type] = res.json().eventId;
  }
  const corr = await h.app.inject({
    method: 'POST',
    url: '/v1/countries/ET/corrections',
    headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' },
    payload: { type: 'EntryCorrected', occurredOn: '2024-03-01', data: { correctedEventId: ids['ReadmissionRequestAnswered'], reason: 'was rejected', data: { requestId: 'NL-RR-0001', outcome: 'rejected' } }, provenance },
  });
  t.equal(corr.statusCode, 201, corr.body);
  await h.ctx.readSide.ready(await h.ctx.store.headPosition());
  const liveDbPath = join(h.dir, 'read-models.sqlite');

  const healthy = await replayAndCompare({ store: h.ctx.store, liveDbPath });
  t.equal(healthy.ok, true, JSON.stringify(healthy.differences));
  t.equal(healthy.totalDifferences, 0);
  const cs = healthy.projections.find((p) => p.name === 'country-state')!;
  t.equal(cs.position, await h.ctx.store.headPosition());
  t.ok(cs.rowsCompared > ethiopiaStory.length, 'timeline, entities, buckets and activity rows compared');
  const cliOk = await replayCli(h.dir);
  t.equal(cliOk.code, 0, cliOk.out);
  t.match(cliOk.out, /Replay matches the live read models/);

  // Plant: alter one timeline document and delete one entity row in the live read models.
  const db = new Database(liveDbPath);
  const timeline = physicalTable('country-state', countryStateProjection.version, 'timeline');
  const entities = physicalTable('country-state', countryStateProjection.version, 'entities');
  // Timeline rows are keyed by global position (v3): plant by event id, expect the row's position as key.
  const alteredId = ids['DialogueSessionHeld']!;
  t.equal(db.prepare(`UPDATE ${timeline} SET summary = json_set(summary, '$.data.location', 'Nairobi') WHERE event_id = ?`).run(alteredId).changes, 1);
  const altered = String((db.prepare(`SELECT k FROM ${timeline} WHERE event_id = ?`).get(alteredId) as { k: number }).k);
  const removedKey = 'ET|operation|OP-2024-07';
  t.equal(db.prepare(`DELETE FROM ${entities} WHERE k = ?`).run(removedKey).changes, 1);
  db.close();

  const planted = await replayAndCompare({ store: h.ctx.store, liveDbPath });
  t.equal(planted.ok, false);
  t.equal(planted.totalDifferences, 2);
  t.match(planted.differences, [
    { projection: 'country-state', table: 'timeline', key: altered, kind: 'differs', detail: /\$\.columns\.summary\.data\.location: rebuilt "Addis Ababa", live "Nairobi"/ },
    { projection: 'country-state', table: 'entities', key: removedKey, kind: 'missing-in-live' },
  ]);
  const cliDiff = await replayCli(h.dir);
  t.equal(cliDiff.code, 1, 'non-zero exit code when a difference is found');
  t.match(cliDiff.out, new RegExp(`country-state/timeline ${altered}: differs`));
  t.match(cliDiff.out, /country-state\/entities ET\|operation\|OP-2024-07: missing-in-live/);
});
