import { createHash, createHmac } from 'node:crypto';

/** sortedJson writes a value as JSON with every object's keys sorted and no spaces: 抖店 signs param_json so. */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * signDouyin signs a 抖店 open-platform call as its 签名算法 page says:
 * app_secret + "app_key" + key + "method" + method + "param_json" +
 * param_json (keys sorted) + "timestamp" + timestamp + "v" + v + app_secret,
 * then HMAC-SHA256 keyed by app_secret (sign_method=hmac-sha256) or MD5
 * (sign_method=md5), lower-case hex.
 */
export function signDouyin(parts: { readonly appKey: string; readonly method: string; readonly paramJson: string; readonly timestamp: string; readonly v: string }, appSecret: string, method: 'hmac-sha256' | 'md5'): string {
  const text = `${appSecret}app_key${parts.appKey}method${parts.method}param_json${parts.paramJson}timestamp${parts.timestamp}v${parts.v}${appSecret}`;
  return method === 'md5' ? createHash('md5').update(text, 'utf8').digest('hex') : createHmac('sha256', appSecret).update(text, 'utf8').digest('hex');
}
