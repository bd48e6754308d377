import type { Command } from 'commander';

// Placeholder until lib/import lands (being written now); registers nothing yet.
export function registerImportCommand(program: Command) {
  void program;
}
