export { type CliIO, type Command, UsageError } from './cli-io.js';
export { main } from './main.js';
