import type { Command } from 'commander';
import { ConfigError, loadSettings } from '../../config/load-settings.js';
import type { Settings } from '../../config/settings.js';
import { CliError, print, printJson } from '../output.js';

/** ConfigSummary is what `config check` reports of a valid file. */
export interface ConfigSummary {
  readonly receivers: number;
  readonly routes: number;
  readonly gradingRules: number;
  readonly playbooks: number;
  readonly templates: number;
  readonly onCallSchedules: number;
}

/** summarizeSettings counts what a valid file configures (defaults included). */
export function summarizeSettings(settings: Settings): ConfigSummary {
  return {
    receivers: settings.receivers.length,
    routes: settings.routes.length,
    gradingRules: settings.grading.rules.length,
    playbooks: Object.keys(settings.playbooks).length,
    templates: Object.keys(settings.templates).length,
    onCallSchedules: settings.onCall.schedules.length,
  };
}

/** registerConfigCommand adds `orderwatch config check FILE`. */
export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('the settings / policy file');
  config
    .command('check')
    .description('validate a config (policy) file: every error with its path, or a summary of what it configures')
    .argument('<file>', 'YAML file')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { json?: boolean }) => {
      let settings: Settings;
      try {
        settings = loadSettings(file);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        if (options.json) printJson({ ok: false, file, issues: error.issues });
        else print(error.message);
        throw new CliError(`${file} is not valid (${error.issues.length} problem(s))`);
      }
      const summary = summarizeSettings(settings);
      if (options.json) printJson({ ok: true, file, issues: [], summary });
      else {
        print(`${file}: ok`);
        print(`  ${summary.receivers} receiver(s), ${summary.routes} route(s), ${summary.gradingRules} grading rule(s)`);
        print(`  ${summary.playbooks} playbook(s), ${summary.templates} template(s), ${summary.onCallSchedules} on-call schedule(s)`);
        if (summary.receivers === 0 || summary.routes === 0) print('  note: with no receivers or no routes, incidents are only shown in the console (no messages are sent)');
      }
    });
}
