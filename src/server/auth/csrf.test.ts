import Fastify, { type FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { csrfTokenFor, foreignOrigin, fromBrowser, sameToken } from './csrf.js';

async function requestWith(headers: Record<string, string>): Promise<FastifyRequest> {
  const app = Fastify();
  let seen: FastifyRequest | undefined;
  app.post('/x', async (request) => {
    seen = request;
    return {};
  });
  await app.inject({ method: 'POST', url: '/x', headers: { host: 'ow.local:8080', ...headers } });
  await app.close();
  return seen!;
}

describe('foreignOrigin', () => {
  const cases: Array<[string, Record<string, string>, boolean]> = [
    ['no Origin, no Sec-Fetch-Site (a script)', {}, false],
    ['the same origin', { origin: 'http://ow.local:8080', 'sec-fetch-site': 'same-origin' }, false],
    ['typed by the user', { 'sec-fetch-site': 'none' }, false],
    ['the publicUrl behind a proxy', { origin: 'https://ow.example.com' }, false],
    ['another port', { origin: 'http://ow.local:9999' }, true],
    ['a sibling subdomain', { origin: 'http://evil.ow.local:8080' }, true],
    ['Origin null', { origin: 'null' }, true],
    ['a malformed Origin', { origin: 'not a url' }, true],
    ['same-site by Sec-Fetch-Site', { 'sec-fetch-site': 'same-site' }, true],
    ['cross-site by Sec-Fetch-Site', { 'sec-fetch-site': 'cross-site' }, true],
  ];
  it.each(cases)('%s', async (_name, headers, foreign) => {
    expect(foreignOrigin(await requestWith(headers), ['https://ow.example.com']) !== undefined).toBe(foreign);
  });
});

describe('fromBrowser and the token', () => {
  it('tells a browser by Origin, Sec-Fetch-* or a Mozilla User-Agent', async () => {
    expect(fromBrowser(await requestWith({ 'user-agent': 'curl/8.0' }))).toBe(false);
    expect(fromBrowser(await requestWith({ 'user-agent': 'Mozilla/5.0 (X11)' }))).toBe(true);
    expect(fromBrowser(await requestWith({ 'sec-fetch-mode': 'cors', 'user-agent': 'node' }))).toBe(true);
  });

  it('derives a token per session and compares it exactly', () => {
    expect(csrfTokenFor('session-a')).toBe(csrfTokenFor('session-a'));
    expect(csrfTokenFor('session-a')).not.toBe(csrfTokenFor('session-b'));
    expect(sameToken(csrfTokenFor('session-a'), csrfTokenFor('session-a'))).toBe(true);
    expect(sameToken(undefined, csrfTokenFor('session-a'))).toBe(false);
    expect(sameToken(['x'], 'x')).toBe(false);
  });
});
