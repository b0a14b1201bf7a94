import type { RecordReader } from '../record-reader.js';

const GID = /^gid:\/\/shopify\/[A-Za-z]+\/(\d{1,24})$/;

/**
 * readShopifyId reads a Shopify numeric id as exact text. Order ids pass 2^53,
 * so JSON.parse may already have rounded a numeric `id`: an object's own `id`
 * that is not a safe integer (or is absent) is then taken from its
 * `admin_graphql_api_id` ("gid://shopify/Order/820982911946154508"), which
 * Shopify sends as a string. Other id fields have no such twin and must be
 * safe integers or strings.
 */
export function readShopifyId(r: RecordReader, field: string, required: boolean): string | undefined {
  const value = r.raw(field);
  const unsafe = typeof value === 'number' && !Number.isSafeInteger(value);
  if (field === 'id' && (unsafe || value === undefined || value === null)) {
    const gid = r.raw('admin_graphql_api_id');
    const m = typeof gid === 'string' ? GID.exec(gid.trim()) : null;
    if (m) return m[1];
    if (unsafe) {
      r.fail(field, 'is a number too large to be exact and admin_graphql_api_id does not carry it; send the id as a string');
      return undefined;
    }
  }
  return r.id(field, required);
}
