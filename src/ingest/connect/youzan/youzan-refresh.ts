import { ConnectorError, type RefreshedSession, type ShopConnection } from '../connector.js';
import { requestJson } from '../http-json.js';

/**
 * refreshYouzanSession trades the shop's refresh_token for a new
 * access_token at 有赞云's token endpoint (`POST /auth/token` on the API
 * host, or `tokenUrl`): a JSON body of client_id (appKey), client_secret
 * (appSecret), authorize_type=refresh_token and refresh_token — the one
 * request for tool apps and for self-use apps whose token was issued with a
 * refresh_token. The answer's `data` carries access_token, `expires` (when it
 * runs out, a millisecond timestamp) and the refresh_token to keep; a refusal
 * is `success: false` with `code` and `message`.
 */
export async function refreshYouzanSession(shop: ShopConnection, tokenUrl: string, clock: { now(): number }, signal?: AbortSignal): Promise<RefreshedSession> {
  const request = { client_id: shop.appKey ?? '', client_secret: shop.appSecret ?? '', authorize_type: 'refresh_token', refresh_token: shop.refreshToken ?? '' };
  const reply = await requestJson(tokenUrl, { platform: 'Youzan', method: 'POST', headers: { 'content-type': 'application/json;charset=utf-8' }, body: JSON.stringify(request) }, signal);
  const body = (reply.body ?? {}) as Record<string, unknown>;
  const gateway = body['gw_err_resp'] as Record<string, unknown> | undefined;
  const data = (body['data'] ?? {}) as Record<string, unknown>;
  const accessToken = data['access_token'];
  if (reply.status !== 200 || gateway !== undefined || body['success'] !== true || typeof accessToken !== 'string' || accessToken === '') {
    const code = String(gateway?.['err_code'] ?? body['code'] ?? `HTTP ${reply.status}`);
    const message = [gateway?.['err_msg'], body['message']].find((x) => typeof x === 'string' && x !== '') as string | undefined;
    throw new ConnectorError('setup', `Youzan refused to refresh the session (HTTP ${reply.status}, ${code}${message !== undefined ? `: ${message}` : ''}); authorise the app again and update accessToken and refreshToken`, undefined, code);
  }
  // `expires` is read as the instant the token runs out (milliseconds); anything that is not a later instant is left out rather than guessed.
  const expires = Number(data['expires']);
  return {
    accessToken,
    ...(typeof data['refresh_token'] === 'string' && data['refresh_token'] !== '' ? { refreshToken: data['refresh_token'] } : {}),
    ...(Number.isFinite(expires) && expires > clock.now() ? { expiresAt: expires } : {}),
  };
}
