import { ConnectorError, type RefreshedSession, type ShopConnection } from '../connector.js';
import { requestJson } from '../http-json.js';

/** JD_TOKEN_URL is JOS's OAuth 2.0 refresh endpoint (open-oauth.jd.com): sessions are refreshed there, not at the API router. */
export const JD_TOKEN_URL = 'https://open-oauth.jd.com/oauth2/refresh_token';

/**
 * refreshJdSession trades the shop's refresh_token for a new access_token
 * at JOS's OAuth endpoint: a GET with app_key, app_secret,
 * grant_type=refresh_token and refresh_token in the query (unsigned: the
 * app secret itself proves the app). The answer carries access_token,
 * expires_in (seconds) and the refresh_token to keep; a refusal carries a
 * non-zero `code` and `msg` (docs/connectors.md says how sure this is).
 */
export async function refreshJdSession(shop: ShopConnection, clock: { now(): number }, signal?: AbortSignal): Promise<RefreshedSession> {
  const query = new URLSearchParams({ app_key: shop.appKey ?? '', app_secret: shop.appSecret ?? '', grant_type: 'refresh_token', refresh_token: shop.refreshToken ?? '' });
  const url = new URL(shop.tokenUrl ?? JD_TOKEN_URL);
  for (const [name, value] of query) url.searchParams.set(name, value);
  const reply = await requestJson(url.toString(), { platform: 'JD OAuth', method: 'GET' }, signal);
  const body = (reply.body ?? {}) as Record<string, unknown>;
  const accessToken = body['access_token'];
  const code = body['code'];
  const refused = code !== undefined && code !== 0 && code !== '0';
  if (reply.status !== 200 || refused || typeof accessToken !== 'string' || accessToken === '') {
    const words = [code !== undefined ? String(code) : '', body['msg']].filter((x) => typeof x === 'string' && x !== '').join(': ');
    throw new ConnectorError('setup', `JD refused to refresh the session (HTTP ${reply.status}${words !== '' ? `, ${words}` : ''}); authorise the app again and update accessToken and refreshToken`, undefined, code !== undefined ? String(code) : `HTTP ${reply.status}`);
  }
  const expiresIn = Number(body['expires_in']);
  return {
    accessToken,
    ...(typeof body['refresh_token'] === 'string' && body['refresh_token'] !== '' ? { refreshToken: body['refresh_token'] } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: clock.now() + expiresIn * 1000 } : {}),
  };
}
