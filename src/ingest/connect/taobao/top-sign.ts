import { createHash, createHmac } from 'node:crypto';

/** TopSignMethod is TOP's `sign_method`. */
export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';

/**
 * signTop signs a TOP request as open.taobao.com documents it (API调用方法详解,
 * 签名算法): every parameter but `sign` (and byte[] uploads) sorted by name in
 * ASCII order, each name followed by its value, empty values left out; then
 * md5: MD5(secret + that + secret); hmac: HMAC-MD5 keyed by the secret;
 * hmac-sha256: HMAC-SHA256 keyed by the secret — as upper-case hex of UTF-8 bytes.
 */
export function signTop(params: Readonly<Record<string, string>>, secret: string, method: TopSignMethod): string {
  const joined = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  const digest =
    method === 'md5'
      ? createHash('md5').update(`${secret}${joined}${secret}`, 'utf8')
      : createHmac(method === 'hmac' ? 'md5' : 'sha256', Buffer.from(secret, 'utf8')).update(joined, 'utf8');
  return digest.digest('hex').toUpperCase();
}

/** topTimestamp writes an instant as TOP's `timestamp`: "yyyy-MM-dd HH:mm:ss" in GMT+8. */
export function topTimestamp(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
