import type { CommandService } from '../../commands/command-service.js';
import type { CheckChanges, RecordChange } from './run-import.js';

/** Writes planned facts through the command service, as the given principal (validation, rules, hash chain). */
export function recordWithCommands(commands: Pick<CommandService, 'record'>, principalId: string): RecordChange {
  return async (change) => {
    const outcome = await commands.record({ country: change.country, command: change.command, principalId });
    return { eventId: outcome.response.eventId };
  };
}

/** Decides planned facts with the command service's deciders, on each country's current state, writing nothing. */
export function checkWithCommands(commands: Pick<CommandService, 'preview'>): CheckChanges {
  return (country, changes) => commands.preview(country, changes.map((c) => c.command));
}
