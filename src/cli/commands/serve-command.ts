import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { serve } from '../../app/serve.js';
import { startBackground } from '../../worker/start-background.js';
import { VERSION } from '../version.js';
import { parseIntOption, withDb } from './common-options.js';

/** registerServeCommand adds `orderwatch serve`. */
export function registerServeCommand(program: Command): void {
  withDb(program.command('serve'))
    .description('run the server and console (http://127.0.0.1:8080 by default), with the background work (detection, incidents, notifications) in a worker thread')
    .option('--port <n>', 'port to listen on (default 8080)', parseIntOption('--port', 0, 65535))
    .option('--host <addr>', 'address to listen on (default 127.0.0.1)')
    .option('--config <file>', 'settings / policy file (YAML)')
    .option('--demo-if-empty', 'load the demo business first when the store has no orders')
    .option('--no-worker', 'answer requests only; run `orderwatch worker` processes beside it (PostgreSQL) for the background work')
    .action(async (options: { port?: number; host?: string; config?: string; db?: string; demoIfEmpty?: boolean; worker: boolean }) => {
      const context = await openContext(options);
      const say = (line: string): void => void process.stderr.write(`${line}\n`);
      const app = await serve(context, {
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.host !== undefined ? { host: options.host } : {}),
        demoIfEmpty: options.demoIfEmpty === true,
        version: VERSION,
        say,
        ...(options.worker ? { background: startBackground } : {}),
      });
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          say('stopping…');
          void app
            .close()
            .then(() => context.store.close())
            .finally(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
