import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load-settings.js';
import { registerBacktestCommand } from './commands/backtest-command.js';
import { registerCalibrateCommand } from './commands/calibrate-command.js';
import { registerConfigCommand } from './commands/config-command.js';
import { registerDeliverCommand } from './commands/deliver-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerIncidentCommand } from './commands/incident-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerLookupCommand } from './commands/lookup-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerScanCommand } from './commands/scan-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerTokenCommand } from './commands/token-command.js';
import { registerUserCommand } from './commands/user-command.js';
import { registerWorkerCommand } from './commands/worker-command.js';
import { CliError } from './output.js';
import { VERSION } from './version.js';


/** buildProgram assembles the `orderwatch` command and its subcommands. */
export function buildProgram(): Command {
  const program = new Command('orderwatch')
    .description('orderwatch: order-exception monitoring and emergency response for e-commerce teams')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerImportCommand(program);
  registerLookupCommand(program);
  registerDemoCommand(program);
  registerScanCommand(program);
  registerIncidentCommand(program);
  registerDeliverCommand(program);
  registerReportCommand(program);
  registerBacktestCommand(program);
  registerCalibrateCommand(program);
  registerUserCommand(program);
  registerTokenCommand(program);
  registerConfigCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * main runs the CLI and returns the exit code: 0 on success, 1 on a failure
 * the user can fix (the message says what), 2 on a usage error.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
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
