import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * verifyKuaidi100Sign tells whether a push's `sign` is md5(param + salt) in
 * hex, upper case as Kuaidi100 sends it or lower case. `param` must be the
 * form field exactly as received. A missing or malformed sign is false; the
 * comparison takes the same time wherever the digests differ.
 */
export function verifyKuaidi100Sign(param: string, sign: string | undefined, salt: string): boolean {
  if (typeof sign !== 'string' || typeof param !== 'string') return false;
  const given = sign.trim().toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(given)) return false;
  const expected = createHash('md5').update(param + salt, 'utf8').digest('hex').toUpperCase();
  return timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(expected, 'ascii'));
}

/** Kuaidi100Reply is the JSON body Kuaidi100 expects back from a push callback. */
export interface Kuaidi100Reply {
  readonly result: boolean;
  readonly returnCode: '200' | '500';
  readonly message: string;
}

/**
 * kuaidi100Reply builds the callback's answer. Answer false only when the
 * push should be sent again: Kuaidi100 retries a failed callback after 30
 * minutes and gives up after 3 failures, so a push that can never be read
 * (bad sign, bad shape) is better acknowledged and reported on our side.
 */
export function kuaidi100Reply(ok: boolean, message: string): Kuaidi100Reply {
  return { result: ok, returnCode: ok ? '200' : '500', message };
}
