import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../config/settings.js';
import { fixedClock, parseInstant } from '../domain/time.js';
import { openStore } from '../store/open-store.js';
import { buildServer } from './server.js';

describe('closing the server', () => {
  it('ends, after a grace, while a request whose body stopped arriving is still in flight', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-close-')), 'close.db'));
    const app = await buildServer({ store, settings: SettingsSchema.parse({ ingest: { secrets: { generic: 'generic-secret-0123456789' } } }), clock: fixedClock(parseInstant('2026-11-12T12:00:00+08:00')!) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    // Promises 1 MB, sends 10 bytes, then nothing: the request stays in flight.
    const client = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    client.write('POST /api/v1/ingest/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n[{"type":');
    await new Promise((r) => setTimeout(r, 200));
    // Without the grace this close waits for the body for ever (the test's own time limit ends it first).
    const closed = await app.close().then(() => 'closed');
    expect(closed).toBe('closed');
    client.destroy();
    await store.close();
  });
});
