import { useSyncExternalStore } from 'react';

/** Location is the page the console shows: its path and query. */
export interface Location {
  readonly path: string;
  readonly params: URLSearchParams;
}

const listeners = new Set<() => void>();
let current = read();

function read(): Location {
  return { path: window.location.pathname, params: new URLSearchParams(window.location.search) };
}

window.addEventListener('popstate', () => {
  current = read();
  for (const l of listeners) l();
});

/** navigate goes to a console page (history API: back and forward work, links can be shared). */
export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  current = read();
  for (const l of listeners) l();
  if (!replace) window.scrollTo(0, 0);
}

/** useLocation re-renders on navigation. */
export function useLocation(): Location {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** match reads `:name` parts of a pattern from a path, or undefined when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (p.length !== s.length) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    if (part.startsWith(':')) out[part.slice(1)] = decodeURIComponent(s[i]!);
    else if (part !== s[i]) return undefined;
  }
  return out;
}
