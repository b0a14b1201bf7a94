/** WorkerThreadData is what serve hands its worker thread: where the store is, the settings file and the worker's name. */
export interface WorkerThreadData {
  readonly db: string;
  readonly config?: string;
  readonly owner: string;
  /** Load the demo business (and live its history) before the background work starts: the store was empty. */
  readonly demo?: { readonly end: number };
}

/** ThreadMessage travels between serve and its worker thread. */
export type ThreadMessage =
  | { readonly type: 'kick'; readonly orders?: number }
  | { readonly type: 'stop' }
  | { readonly type: 'ready' }
  /** The background work runs (after the demo, when there was one to load). */
  | { readonly type: 'working' }
  | { readonly type: 'stopped' }
  | { readonly type: 'say'; readonly line: string }
  | { readonly type: 'failed'; readonly error: string };
