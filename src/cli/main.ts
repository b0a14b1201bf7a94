import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { CliError } from './output.js';
import { VERSION } from './version.js';

type Register = (program: Command) => void;

// One module registers several commands; each has its own line in the overview.
const loadIncidentCommands = async (): Promise<Register> => (await import('./commands/incident-command.js')).registerIncidentCommand;
const loadDeliverCommands = async (): Promise<Register> => (await import('./commands/deliver-command.js')).registerDeliverCommand;

/**
 * COMMANDS lists every command with a one-line summary for `orderwatch
 * --help`, and how to load it. A command's module is imported only when that
 * command runs (or its own --help is asked for): `--help` or `lookup` does
 * not load the PDF, chart, spreadsheet, SMTP or PostgreSQL libraries.
 */
const COMMANDS: ReadonlyArray<{ readonly names: readonly string[]; readonly summary: string; load(): Promise<Register> }> = [
  { names: ['serve'], summary: 'run the server and console, with the background work in a worker thread', load: async () => (await import('./commands/serve-command.js')).registerServeCommand },
  { names: ['worker'], summary: 'run the background work alone (detection, incidents, notifications)', load: async () => (await import('./commands/worker-command.js')).registerWorkerCommand },
  { names: ['import'], summary: 'import orders and events from files (JSON, NDJSON, CSV, XLSX; GBK or UTF-8)', load: async () => (await import('./commands/import-command.js')).registerImportCommand },
  { names: ['lookup'], summary: 'find orders by order number, phone, last 4 digits, masked phone, name or tracking number', load: async () => (await import('./commands/lookup-command.js')).registerLookupCommand },
  { names: ['demo'], summary: 'fill the database with the synthetic demo business', load: async () => (await import('./commands/demo-command.js')).registerDemoCommand },
  { names: ['scan'], summary: 'judge every open order as of a time', load: async () => (await import('./commands/scan-command.js')).registerScanCommand },
  { names: ['incident'], summary: 'the incident queue and every action on an incident', load: loadIncidentCommands },
  { names: ['order'], summary: 'take an order over (人工暂停) or hand it back', load: loadIncidentCommands },
  { names: ['template'], summary: "render a customer template with an incident's order, or send it", load: loadIncidentCommands },
  { names: ['deliver'], summary: 'send the notifications waiting in the outbox', load: loadDeliverCommands },
  { names: ['outbox'], summary: 'list the notification outbox and its dead letters; requeue one', load: loadDeliverCommands },
  { names: ['report'], summary: 'evidence PDF, post-incident review, KPI report, exports, callbacks, improvement items', load: async () => (await import('./commands/report-command.js')).registerReportCommand },
  { names: ['backtest'], summary: 'evaluate detection on history (the Olist data set, or the demo)', load: async () => (await import('./commands/backtest-command.js')).registerBacktestCommand },
  { names: ['calibrate'], summary: 'learn stage thresholds from history', load: async () => (await import('./commands/calibrate-command.js')).registerCalibrateCommand },
  { names: ['user'], summary: 'manage the people who use orderwatch', load: async () => (await import('./commands/user-command.js')).registerUserCommand },
  { names: ['token'], summary: 'API tokens for integrations', load: async () => (await import('./commands/token-command.js')).registerTokenCommand },
  { names: ['config'], summary: 'check a settings / policy file', load: async () => (await import('./commands/config-command.js')).registerConfigCommand },
  { names: ['shops'], summary: 'connected shops: list with sync status, test a connection, sync now, run a platform stand-in', load: async () => (await import('./commands/shops-command.js')).registerShopsCommand },
];

/** COMMAND_NAMES are the names `orderwatch` answers to. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.flatMap((c) => c.names);

/**
 * buildProgram assembles the `orderwatch` command for these arguments: the
 * command they name, loaded in full, or — for the overview (`--help`, no
 * command, an unknown one) — every command by its summary.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('orderwatch')
    .description('orderwatch: order-exception monitoring and emergency response for e-commerce teams')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const asked = argv[2] === 'help' ? argv[3] : argv[2];
  const wanted = COMMANDS.find((c) => asked !== undefined && c.names.includes(asked));
  if (wanted) {
    (await wanted.load())(program);
  } else {
    for (const c of COMMANDS) for (const name of c.names) program.command(name).description(c.summary);
  }
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * main runs the CLI and returns the exit code: 0 on success, 1 on a failure
 * the user can fix (the message says what), 2 on a usage error.
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      process.stderr.write(`orderwatch: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`orderwatch: invalid config ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`orderwatch: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.ORDERWATCH_DEBUG) console.error(error);
    return 1;
  }
}
