export * from './common.js';
export * from './envelope.js';
export * from './events/index.js';
export * from './commands.js';
export * from './responses.js';
export * from './problem.js';
export * from './scoring-model.js';
export * from './imports.js';
