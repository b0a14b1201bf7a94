import type { Command } from 'commander';
import { hostname } from 'node:os';
import { openContext } from '../../app/context.js';
import { runWorker } from '../../worker/run-worker.js';
import { print } from '../output.js';
import { withConfig, withDb } from './common-options.js';

/** registerWorkerCommand adds `orderwatch worker`: the background work alone, in a process of its own. */
export function registerWorkerCommand(program: Command): void {
  withConfig(withDb(program.command('worker')))
    .description('run the background work alone: detection of due orders, incidents and the fix list, escalation, delivery and the timed jobs (several may run against one PostgreSQL database; each item is done once)')
    .action(async (options: { db?: string; config?: string }) => {
      const context = await openContext(options);
      const owner = `${hostname()}:${process.pid}:worker`;
      const say = (line: string): void => void process.stderr.write(`${line}\n`);
      const running = runWorker(context, { owner, say });
      print(`orderwatch worker ${owner} is working; Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          say('stopping…');
          void running
            .stop()
            .then(() => context.store.close())
            .finally(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
