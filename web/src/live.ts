import { useEffect, useRef, useState } from 'react';
import type { Incident } from './incident';

/**
 * useLiveIncidents listens to the server's incident feed (server-sent
 * events) and hands each batch of changed incidents to `onChange`; the
 * browser reconnects by itself. Returns whether the feed is connected.
 */
export function useLiveIncidents(onChange: (incidents: Incident[]) => void): boolean {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    const source = new EventSource('/api/v1/events');
    source.addEventListener('hello', () => setConnected(true));
    source.addEventListener('incidents', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { incidents: Incident[] };
      handler.current(data.incidents);
    });
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);
  return connected;
}
