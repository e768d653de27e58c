// The keys that work on every screen: halt, note, pause, help, quit and screen switching.
import type { KeyCommand } from './commands.js';

/** Global commands, in key-bar order. */
export const GLOBAL_COMMANDS: KeyCommand[] = [
  { id: 'halt', keys: ['h'], description: 'halt+undo', dangerous: true },
  { id: 'note', keys: ['n'], description: 'note' },
  { id: 'pause', keys: ['p'], description: 'pause probes' },
  { id: 'inventory', keys: ['i'], description: 'inventory' },
  { id: 'live', keys: ['v'], description: 'live view' },
  { id: 'scenarios', keys: ['s'], description: 'scenarios' },
  { id: 'help', keys: ['?'], description: 'help' },
  { id: 'quit', keys: ['q', 'ctrl+c'], label: 'q', description: 'quit' },
];
