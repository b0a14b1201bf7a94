import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { CHANNELS } from '../../domain/channel.js';
import { ImportFileError, importFiles, isPayloadChannel } from '../../ingest/import-files.js';
import { loadProfileFile } from '../../ingest/exports/index.js';
import { createProgressBar, FileReadError, type FileFormat } from '../../ingest/files/index.js';
import { importOlist } from '../../ingest/import-olist.js';
import { CliError, print, printJson } from '../output.js';
import { withDb } from './common-options.js';

const FORMATS: readonly FileFormat[] = ['csv', 'xlsx', 'json', 'ndjson'];

interface ImportOptions {
  channel: string;
  format?: string;
  profile?: string;
  shop?: string;
  json?: boolean;
  db?: string;
  config?: string;
}

/** registerImportCommand adds `orderwatch import --channel C FILE…`. */
export function registerImportCommand(program: Command): void {
  withDb(program.command('import'))
    .description('import order files: native JSON/NDJSON payloads, CSV/XLSX back-office exports (UTF-8 or GBK), or the Olist data set')
    .requiredOption('--channel <channel>', `one of ${CHANNELS.join(', ')}`)
    .argument('<files...>', 'files to import (for olist: the data set folder or its CSV files)')
    .option('--format <format>', `force the file format: ${FORMATS.join(', ')} (default: from name and content)`)
    .option('--profile <file.json>', 'a back-office export profile (header mapping) instead of the built-in one')
    .option('--shop <name>', 'shop name for records that do not say')
    .option('--config <file>', 'settings file (YAML)')
    .option('--json', 'print the result as JSON')
    .action(async (files: string[], options: ImportOptions) => {
      if (options.format !== undefined && !FORMATS.includes(options.format as FileFormat)) {
        throw new CliError(`--format must be one of ${FORMATS.join(', ')}, got "${options.format}"`, 2);
      }
      if (options.channel !== 'olist' && !isPayloadChannel(options.channel)) {
        throw new CliError(`--channel must be one of ${CHANNELS.join(', ')}, got "${options.channel}"`, 2);
      }
      let profile;
      if (options.profile !== undefined) {
        const parsed = await loadProfileFile(options.profile);
        if (!parsed.ok) throw new CliError(`export profile ${options.profile} is invalid:\n${parsed.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}`);
        profile = parsed.profile;
      }
      const context = await openContext(options);
      const bar = options.json ? undefined : createProgressBar(process.stderr, 'import');
      try {
        const receivedAt = context.clock.now();
        const summary =
          options.channel === 'olist'
            ? await importOlist(files, context.store, { receivedAt })
            : await importFiles(files, context.store, {
                channel: options.channel as Parameters<typeof importFiles>[2]['channel'],
                receivedAt,
                ...(options.format !== undefined ? { format: options.format as FileFormat } : {}),
                ...(profile !== undefined ? { profile } : {}),
                ...(options.shop !== undefined ? { shop: options.shop } : {}),
                onProgress: (_file, bytes, total, records) => bar?.update(bytes, total, records),
              });
        bar?.finish();
        if (options.json) {
          printJson(summary);
          return;
        }
        print(`accepted ${summary.accepted}${summary.updated > 0 ? ` (${summary.updated} newer versions)` : ''}, rejected ${summary.rejected}, duplicates ${summary.duplicates}`);
        // Several files (a 订单报表 and its 宝贝报表): each one's counts, in the order they were imported.
        if ('files' in summary && summary.files.length > 1) {
          for (const f of summary.files) print(`  ${f.file}: accepted ${f.accepted}, rejected ${f.rejected}, duplicates ${f.duplicates}`);
        }
        const shown = summary.errors.slice(0, 200);
        for (const e of shown) print(`  ${'file' in e && e.file ? `${String(e.file)} ` : ''}record ${e.record}: ${e.field}: ${e.message}`);
        if (summary.errors.length > shown.length) print(`  … and ${summary.errors.length - shown.length} more (use --json for all)`);
        // Warnings are about records that were stored: something a person should check, not a failure.
        const warnings = 'warnings' in summary ? (summary.warnings ?? []) : [];
        if (warnings.length > 0) print(`warnings ${warnings.length} (stored; check them):`);
        for (const w of warnings.slice(0, 200)) print(`  ${'file' in w && w.file ? `${String(w.file)} ` : ''}record ${w.record}: ${w.field}: ${w.message}`);
        if (warnings.length > 200) print(`  … and ${warnings.length - 200} more (use --json for all)`);
      } catch (error) {
        bar?.finish();
        if (error instanceof ImportFileError || error instanceof FileReadError) throw new CliError(error.message);
        throw error;
      } finally {
        await context.store.close();
      }
    });
}
