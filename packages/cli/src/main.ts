import type { CliIO, Command } from './cli-io.js';
import { UsageError } from './cli-io.js';

// Commands load lazily so `baton redact` does not pay for the orchestrator or providers.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  report: {
    summary: 'Render a run report (run.json) as text or an HTML page',
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  run: {
    summary: 'Run a sample app (offline on the local model by default)',
    load: async () => (await import('./commands/run.js')).runCommand,
  },
  plan: {
    summary: 'Dry-run the scheduler on a DAG (simulated clock)',
    load: async () => (await import('./commands/plan.js')).planCommand,
  },
  redact: {
    summary: 'Minimize text as it would be sent to a provider (placeholders for PII and secrets)',
    load: async () => (await import('./commands/redact.js')).redactCommand,
  },
  caps: {
    summary: 'Check capabilities: would this request be allowed?',
    load: async () => (await import('./commands/caps.js')).capsCommand,
  },
  chat: {
    summary: 'Send one prompt to any provider (with a fixed-result tool loop)',
    load: async () => (await import('./commands/chat.js')).chatCommand,
  },
  audit: {
    summary: 'Verify an audit log or summarize it per agent',
    load: async () => (await import('./commands/audit.js')).auditCommand,
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: baton <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`baton <command> --help\` for a command's options.\n`;
}

/** Runs the CLI with the given arguments; returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`baton: unknown command '${name}' (try \`baton --help\`)\n`);
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`baton: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`baton: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
