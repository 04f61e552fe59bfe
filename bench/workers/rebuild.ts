/**
 * Rebuilds every projection from an event-store file into a fresh read-model database, in its
 * own process so that peak RSS is this work's alone. Prints one JSON line:
 * { events, seconds, eventsPerSecond, maxRssMiB, workers, projections }.
 *   node --import tsx bench/workers/rebuild.ts <events.sqlite> <read-models.sqlite>
 *
 * It runs what `npm start` runs: the transpiled copy in .build/ (bench/run.ts builds it first). Under
 * tsx every worker thread would load tsx's loader and its transpiled sources too (a 1,000,000-event
 * rebuild peaked at 316 MiB that way, 233-262 MiB transpiled).
 */
import { fileURLToPath } from 'node:url';

type Modules = [
  typeof import('../../projections/index.js'),
  typeof import('../../src/config/config.js'),
  typeof import('../../src/projection-runtime/read-model-db.js'),
  typeof import('../../src/projection-runtime/runner.js'),
  typeof import('../../src/store/sqlite/index.js'),
];
const built = (path: string) => import(fileURLToPath(new URL(`../../.build/${path}`, import.meta.url)));
const [{ allProjections }, { defaultBuildWorkers }, { openReadModelDb }, { ProjectionRunner }, { openSqliteEventStore }] = (await Promise.all([
  built('projections/index.js'),
  built('src/config/config.js'),
  built('src/projection-runtime/read-model-db.js'),
  built('src/projection-runtime/runner.js'),
  built('src/store/sqlite/index.js'),
])) as Modules;

const [eventsPath, readModelPath] = process.argv.slice(2);
if (!eventsPath || !readModelPath) throw new Error('usage: rebuild.ts <events.sqlite> <read-models.sqlite>');

const store = openSqliteEventStore({ path: eventsPath });
const db = openReadModelDb(readModelPath);
const head = await store.headPosition();
// As the service does (open-context.ts): country-partitioned projections built by worker threads.
const workers = defaultBuildWorkers();
const runner = new ProjectionRunner({ store, db, projections: allProjections, partitionedBuild: { eventsPath, workers } });
const started = process.hrtime.bigint();
await runner.start();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const status = await runner.status();
await runner.stop();
db.close();
await store.close();
const failed = status.filter((s) => s.state !== 'live' || s.position < head);
if (failed.length > 0) throw new Error(`rebuild did not finish: ${JSON.stringify(failed)}`);
process.stdout.write(
  `${JSON.stringify({ events: head, seconds, eventsPerSecond: head / seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, workers, projections: status.map((s) => `${s.name}@${s.version}`) })}\n`,
);
