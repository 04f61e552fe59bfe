import { parentPort, workerData } from 'node:worker_threads';
import { allProjections } from '../../projections/index.js';
import { buildPartition, mergePartitions, type MergeTask, type PartitionTask } from './partition-build.js';

// One partition of a partitioned build, or the merge of a finished one (PartitionedBuild starts it
// through partition-worker-boot.mjs). A throw ends the worker with an 'error' event carrying the message.
const data = workerData as { task: PartitionTask } | { merge: MergeTask };
if ('merge' in data) {
  const indexError = mergePartitions(data.merge, allProjections, () => parentPort!.postMessage({ type: 'merged' }));
  parentPort!.postMessage({ type: 'indexed', error: indexError });
} else {
  const events = buildPartition(data.task, allProjections, (position) => parentPort!.postMessage({ type: 'progress', position }));
  parentPort!.postMessage({ type: 'done', events });
}
