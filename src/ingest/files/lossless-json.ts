import { Transform, type TransformCallback } from 'node:stream';

/*
 * The platforms send 19-digit ids (抖店 product_id and order ids, WeChat shop
 * order ids, Kuaishou oid) as bare JSON numbers. JSON.parse rounds them to the
 * nearest double, so "3660207428038974464" would land as ...4000 and match no
 * other record. A seller cannot change the platform's answer, so every place
 * JSON arrives (files, NDJSON lines, HTTP bodies) reads integers that a
 * double cannot hold exactly as their decimal text instead.
 */

/** A run of 16 or more digits is the only way a JSON integer can leave the safe range. */
const LONG_DIGITS = /\d{16}/;

/** isUnsafeIntegerText tells whether a JSON number token is an integer a double cannot hold exactly. */
export function isUnsafeIntegerText(token: string): boolean {
  if (!/^-?\d+$/.test(token)) return false;
  return !Number.isSafeInteger(Number(token));
}

/**
 * parseJsonLossless is JSON.parse, except that an integer too large for a
 * double (more than 2^53) is returned as its exact decimal string. Fractions
 * and exponents stay numbers: no platform sends an id that way. Throws the
 * same SyntaxError as JSON.parse on malformed text.
 */
export function parseJsonLossless(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text) as unknown;
  return JSON.parse(quoteUnsafeIntegers(text)) as unknown;
}

/** quoteUnsafeIntegers wraps every unsafe integer outside a string in quotes; everything else is copied as is. */
function quoteUnsafeIntegers(text: string): string {
  const out: string[] = [];
  let copiedTo = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the whole string, honouring escapes.
      i += 1;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 92 /* \ */) i += 2;
        else if (s === 34) break;
        else i += 1;
      }
      i += 1;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i += 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i += 1;
        else break;
      }
      const token = text.slice(start, i);
      if (token.length >= 16 && isUnsafeIntegerText(token)) {
        out.push(text.slice(copiedTo, start), '"', token, '"');
        copiedTo = i;
      }
      continue;
    }
    i += 1;
  }
  if (copiedTo === 0) return text;
  out.push(text.slice(copiedTo));
  return out.join('');
}

/** JsonToken is a stream-json token: a name and, for packed values, the value's text. */
interface JsonToken {
  readonly name: string;
  readonly value?: unknown;
}

/**
 * losslessNumberTokens is an object-mode stream between stream-json's parser
 * (with packed numbers) and an assembler: a packed number token that is an
 * unsafe integer becomes a string token, so the assembled value keeps every
 * digit.
 */
export function losslessNumberTokens(): Transform {
  return new Transform({
    objectMode: true,
    transform(token: JsonToken, _encoding: BufferEncoding, callback: TransformCallback) {
      if (token.name === 'numberValue' && typeof token.value === 'string' && isUnsafeIntegerText(token.value)) {
        callback(null, { name: 'stringValue', value: token.value });
        return;
      }
      callback(null, token);
    },
  });
}
