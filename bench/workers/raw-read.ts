/**
 * Baseline for the rebuild: read every event of the same file in global order with a plain
 * better-sqlite3 cursor and JSON.parse its data and provenance, nothing else. Own process, so
 * its RSS is its own. Prints { events, seconds, eventsPerSecond, maxRssMiB }.
 *   node --import tsx bench/workers/raw-read.ts <events.sqlite>
 */
import Database from 'better-sqlite3';

const [eventsPath] = process.argv.slice(2);
if (!eventsPath) throw new Error('usage: raw-read.ts <events.sqlite>');
const db = new Database(eventsPath, { readonly: true });
const started = process.hrtime.bigint();
let events = 0;
let checksum = 0;
const rows = db.prepare('SELECT position, stream_id, type, occurred_on, recorded_at, provenance, data FROM events ORDER BY position');
for (const row of rows.iterate() as Iterable<{ provenance: string; data: string; position: number }>) {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const provenance = JSON.parse(row.provenance) as Record<string, unknown>;
  if (data && provenance) checksum += row.position & 1;
  events++;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
db.close();
process.stdout.write(`${JSON.stringify({ events, seconds, eventsPerSecond: events / seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, checksum })}\n`);
