import { createHash, createHmac } from 'node:crypto';

/**
 * Aliyun's V3 request signature (ACS3-HMAC-SHA256), the one recommended for
 * new code. The request is reduced to a canonical form —
 *
 *     METHOD \n PATH \n sorted-encoded-query \n canonical-headers \n signed-header-names \n hex(sha256(body))
 *
 * — whose SHA-256 is signed with HMAC-SHA256 keyed by the AccessKey secret.
 * Signing the x-acs-* headers binds the action, version, time and a one-time
 * nonce, so a captured request cannot be replayed or repurposed.
 */

/** ACS3_ALGORITHM names the signature in the Authorization header. */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** Acs3Request is everything the signature covers. `date` is "yyyy-MM-ddTHH:mm:ssZ" in UTC (see acs3Date). */
export interface Acs3Request {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly action: string;
  readonly version: string;
  readonly date: string;
  readonly nonce: string;
  readonly body: string | Buffer;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** Acs3Signed is what to send: the query string (encoded exactly as signed) and the headers, Authorization included. */
export interface Acs3Signed {
  readonly queryString: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly canonicalRequest: string;
}

/**
 * acs3PercentEncode is RFC 3986 encoding as Aliyun checks it: UTF-8, space
 * as %20, and !'()* encoded too (encodeURIComponent leaves them alone).
 */
export function acs3PercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** acs3Date formats an instant as x-acs-date wants it: UTC, seconds, no fraction. */
export function acs3Date(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** acs3CanonicalQuery sorts parameters by encoded name and joins name=value pairs with "&". */
export function acs3CanonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.entries(query)
    .map(([k, v]) => [acs3PercentEncode(k), acs3PercentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** signAcs3 signs a request; the caller sends `queryString` and `headers` unchanged. */
export function signAcs3(request: Acs3Request): Acs3Signed {
  const bodyHash = sha256Hex(request.body);
  const signedHeaders: Record<string, string> = {
    host: request.host,
    'x-acs-action': request.action,
    'x-acs-content-sha256': bodyHash,
    'x-acs-date': request.date,
    'x-acs-signature-nonce': request.nonce,
    'x-acs-version': request.version,
  };
  const names = Object.keys(signedHeaders).sort();
  const canonicalHeaders = names.map((name) => `${name}:${(signedHeaders[name] ?? '').trim()}\n`).join('');
  const signedHeaderNames = names.join(';');
  const queryString = acs3CanonicalQuery(request.query);
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.path === '' ? '/' : request.path,
    queryString,
    canonicalHeaders,
    signedHeaderNames,
    bodyHash,
  ].join('\n');
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', request.accessKeySecret).update(stringToSign).digest('hex');
  const { host: _host, ...sentHeaders } = signedHeaders; // fetch sets Host itself, from the URL
  return {
    queryString,
    canonicalRequest,
    headers: {
      ...sentHeaders,
      authorization: `${ACS3_ALGORITHM} Credential=${request.accessKeyId},SignedHeaders=${signedHeaderNames},Signature=${signature}`,
    },
  };
}
