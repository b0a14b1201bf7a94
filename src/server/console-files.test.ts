import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pickEncoding, sendConsole } from './console-files.js';

function webRoot(): { root: string; js: string } {
  const root = mkdtempSync(join(tmpdir(), 'ow-web-'));
  mkdirSync(join(root, 'assets'));
  const js = `export const words = ${JSON.stringify('订单异常监控 '.repeat(400))};\n`;
  writeFileSync(join(root, 'assets', 'app-abc123.js'), js);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  return { root, js };
}

async function serve(root: string) {
  const app = Fastify();
  app.get('/*', async (request, reply) => sendConsole(reply, request.url, root));
  await app.ready();
  return app;
}

describe('pickEncoding', () => {
  it('prefers Brotli, then gzip, and honours q=0 refusals', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip, br;q=0')).toBe('gzip');
    expect(pickEncoding('gzip;q=0.0, br;q=0')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding(['deflate', 'GZIP'])).toBe('gzip');
  });
});

describe('sendConsole', () => {
  it('serves a built asset compressed as the browser accepts, byte-identical once decoded', async () => {
    const { root, js } = webRoot();
    const app = await serve(root);
    const br = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(js) / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    const gz = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(js);
    const plain = await app.inject({ url: '/assets/app-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
    expect(plain.headers['cache-control']).toContain('immutable');
    await app.close();
  });

  it('never leaves the web root and answers other paths with the page', async () => {
    const { root } = webRoot();
    const app = await serve(root);
    expect((await app.inject({ url: '/assets/..%2f..%2fetc%2fpasswd' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    const page = await app.inject({ url: '/incidents?tab=A' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<!doctype html>');
    await app.close();
  });
});
