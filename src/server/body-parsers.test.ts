import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerBodyParsers } from './body-parsers.js';

describe('registerBodyParsers', () => {
  it('keeps a 19-digit id sent as a bare JSON number exact', async () => {
    const app = Fastify();
    registerBodyParsers(app);
    app.post('/echo', async (request) => request.body);
    const response = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"product_id":3660207428038974464,"n":12}' });
    expect(response.json()).toEqual({ product_id: '3660207428038974464', n: 12 });
    await app.close();
  });
});
