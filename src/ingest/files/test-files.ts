import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecords, type FileRecord, type ReadOptions } from './index.js';

/** TempFiles is a scratch directory for one test file's fixtures. */
export interface TempFiles {
  /** write stores a fixture and returns its path. */
  write(name: string, content: string | Uint8Array): Promise<string>;
  path(name: string): string;
  remove(): Promise<void>;
}

/** makeTempFiles creates a fresh scratch directory for fixtures written at test time. */
export async function makeTempFiles(): Promise<TempFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'orderwatch-files-'));
  return {
    async write(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    path: (name) => join(dir, name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** readAll collects every record of a file, for small fixtures only. */
export async function readAll(path: string, options?: ReadOptions): Promise<FileRecord[]> {
  const records: FileRecord[] = [];
  for await (const record of readRecords(path, options)) records.push(record);
  return records;
}
