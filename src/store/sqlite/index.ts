export {
  openSqliteEventStore,
  SqliteEventStore,
  type ImportResult,
  type IterateAllOptions,
  type SqliteEventStoreOptions,
  type SqliteEventStoreStats,
} from './sqlite-event-store.js';
export { eventStoreMigrations, migrateEventStore } from './schema.js';
