// Plain JavaScript on purpose: worker threads do not inherit a loader registered with
// module.register() on the main thread. When the service runs from its TypeScript sources, the
// worker loads its entry with the loader it inherited from the process's flags (`--import` of the
// tests' TypeScript loader, of tsx for `npm run dev`), so the same source is transformed alike in
// every thread (coverage merges per file: two transforms of one file made the totals vary); only if
// it has none does it register tsx itself. The transpiled service (.build/, `npm start`) loads the
// JavaScript entry as is.
import { workerData } from 'node:worker_threads';

/** @type {{ entry: string }} */
const { entry } = workerData;
if (entry.endsWith('.ts')) {
  const loads = await import(new URL('./ts-probe.ts', import.meta.url).href).then(
    () => true,
    (e) => {
      if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
      return false;
    },
  );
  if (!loads) {
    const { register } = await import('tsx/esm/api');
    register();
  }
}
await import(entry);
