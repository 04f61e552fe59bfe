// Imported by partition-worker-boot.mjs to learn whether this thread can already load TypeScript.
export const typescriptLoads = true;
