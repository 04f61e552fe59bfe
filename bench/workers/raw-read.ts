/**
 * Baseline for the rebuild: read every event of the same file in global order with a plain
 * better-sqlite3 cursor and JSON.parse its data and provenance, nothing else (the same pass as
 * `npm run rebuild` compares against). Own process, so its RSS is its own.
 * Prints { events, seconds, eventsPerSecond, maxRssMiB }.
 *   node --import tsx bench/workers/raw-read.ts <events.sqlite>
 */
import { rawReadBaseline } from '../../src/projection-runtime/rebuild-all.js';

const [eventsPath] = process.argv.slice(2);
if (!eventsPath) throw new Error('usage: raw-read.ts <events.sqlite>');
const figures = rawReadBaseline(eventsPath);
process.stdout.write(`${JSON.stringify({ ...figures, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
