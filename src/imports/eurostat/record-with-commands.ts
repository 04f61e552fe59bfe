import type { CommandService } from '../../commands/command-service.js';
import type { RecordChange } from './run-import.js';

/** Writes planned facts through the command service, as the given principal (validation, rules, hash chain). */
export function recordWithCommands(commands: Pick<CommandService, 'record'>, principalId: string): RecordChange {
  return async (change) => {
    const outcome = await commands.record({ country: change.country, command: change.command, principalId });
    return { eventId: outcome.response.eventId };
  };
}
