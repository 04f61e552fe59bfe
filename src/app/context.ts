import type { TokenStore } from '../auth/token-store.js';
import type { CommandService } from '../commands/command-service.js';
import type { Config } from '../config/config.js';
import type { ReadModelDatabase } from '../projection-runtime/read-model-db.js';
import type { ReadSide } from '../projection-runtime/read-side.js';
import type { EventStore } from '../store/port.js';

/** Everything routes need, built once by the entry point (or a test) and passed to buildApp. */
export interface AppContext {
  config: Config;
  store: EventStore;
  commands: CommandService;
  tokens: TokenStore;
  /** Read models fed by the projection runner (`readSide.runner`). */
  readSide: ReadSide;
  /**
   * Today's date (UTC, YYYY-MM-DD): the one clock of the deciders (facts dated in the future, closing
   * a period) and of the read side's "today". Tests fix it.
   */
  today: () => string;
  /** The live read-model database behind `readSide` (the annual report reads it directly when it can). */
  readModels?: ReadModelDatabase;
}
