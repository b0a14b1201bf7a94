import { createHash } from 'node:crypto';

/**
 * signPdd signs a 拼多多 open-platform request as its 接入指南 (签名算法)
 * says: every parameter but `sign` sorted by name in ASCII order, each name
 * followed by its value, wrapped in the client_secret on both sides, MD5,
 * upper-case hex.
 */
export function signPdd(params: Readonly<Record<string, string>>, clientSecret: string): string {
  const joined = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  return createHash('md5').update(`${clientSecret}${joined}${clientSecret}`, 'utf8').digest('hex').toUpperCase();
}
