// Plain JavaScript on purpose: worker threads do not inherit tsx's loader. When the service runs
// from its TypeScript sources (tests, `npm run dev`), the worker registers tsx itself before
// loading its entry; the transpiled service (.build/, `npm start`) loads the JavaScript entry as is.
import { workerData } from 'node:worker_threads';

/** @type {{ entry: string }} */
const { entry } = workerData;
if (entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
