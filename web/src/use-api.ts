import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';

/** Loaded is the state of one API read: the data, the error, and a way to load again. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  reload(): void;
}

/** useApi reads `path` (nothing while it is undefined) and reloads when it changes. */
export function useApi<T>(path: string | undefined): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(path !== undefined);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (path === undefined) return;
    const id = ++latest.current;
    const abort = new AbortController();
    setLoading(true);
    api<T>(path, { signal: abort.signal })
      .then((d) => {
        if (id !== latest.current) return;
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (id !== latest.current || abort.signal.aborted) return;
        setError(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => {
        if (id === latest.current) setLoading(false);
      });
    return () => abort.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
