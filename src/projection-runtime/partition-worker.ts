import { parentPort, workerData } from 'node:worker_threads';
import { allProjections } from '../../projections/index.js';
import { buildPartition, type PartitionTask } from './partition-build.js';

// One partition of a partitioned build (PartitionedBuild starts it through partition-worker-boot.mjs).
// A throw ends the worker with an 'error' event carrying the message.
const { task } = workerData as { task: PartitionTask };
const events = buildPartition(task, allProjections, (position) => parentPort!.postMessage({ type: 'progress', position }));
parentPort!.postMessage({ type: 'done', events });
