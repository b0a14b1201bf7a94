import type { Command } from 'commander';
import { ConfigError, loadSettings } from '../../config/load-settings.js';
import { CliError, print, printJson } from '../output.js';

/** registerConfigCommand adds `orderwatch config check FILE`. */
export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('the settings / policy file');
  config
    .command('check')
    .description('validate a config file and report every error with its path')
    .argument('<file>', 'YAML file')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { json?: boolean }) => {
      try {
        loadSettings(file);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        if (options.json) printJson({ ok: false, file, issues: error.issues });
        else print(error.message);
        throw new CliError(`${file} is not valid (${error.issues.length} problem(s))`);
      }
      if (options.json) printJson({ ok: true, file, issues: [] });
      else print(`${file}: ok`);
    });
}
