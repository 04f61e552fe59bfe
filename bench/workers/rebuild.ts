/**
 * Rebuilds every projection from an event-store file into a fresh read-model database, in its
 * own process so that peak RSS is this work's alone. Prints one JSON line:
 * { events, seconds, eventsPerSecond, maxRssMiB, workers, projections }.
 *   node --import tsx bench/workers/rebuild.ts <events.sqlite> <read-models.sqlite>
 */
import { allProjections } from '../../projections/index.js';
import { defaultBuildWorkers } from '../../src/config/config.js';
import { openReadModelDb } from '../../src/projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../../src/projection-runtime/runner.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

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
