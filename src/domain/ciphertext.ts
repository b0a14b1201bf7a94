/*
 * The platforms hand out receiver data encrypted (抖店 `##…#1##` names and
 * `$$…$1$$` phones, Youzan `$…$1$`, 拼多多 `~…~`, JD base64 tokens, 快手's
 * `$…$…&…$1$$` with two base64 parts joined by "&"). A ciphertext is no name, phone or address: it must never be shown
 * to a person, judged by an address check or indexed for lookup as one.
 */

/** Delimited forms the platforms use around a ciphertext. */
// 快手 joins two base64 parts with "&" and keeps its delimiters inside (`$…$…&…$1$$`, `#…#…&…#1##`).
const DELIMITED = /^(?:\$\$|##|\$|#|~)[A-Za-z0-9+/=*_~:.&$#-]{8,}(?:\$\$|##|\$|#|~)$/;
/** A long base64-like token (letters and digits, no CJK, no spaces). */
const TOKEN = /^[A-Za-z0-9+/=*_#$~:.&-]{16,}$/;

/**
 * isCiphertext tells whether a receiver field is a platform ciphertext rather
 * than readable text: a delimited token (`##…##`, `$$…$$`, `$…$`, `~…~`), or a
 * base64-like token of 16 or more characters with both letters and digits
 * (readable names and addresses have spaces, CJK characters, or no digits).
 */
export function isCiphertext(text: string | undefined): boolean {
  if (text === undefined) return false;
  const t = text.trim();
  if (t.length < 10) return false;
  if (DELIMITED.test(t)) return true;
  return TOKEN.test(t) && /[A-Za-z]/.test(t) && /\d/.test(t) && /[A-Za-z]\d|\d[A-Za-z]|[+/=]/.test(t);
}

/** readableOrUndefined returns a receiver text field, or undefined when it is a ciphertext. */
export function readableOrUndefined(text: string | undefined): string | undefined {
  return text === undefined || isCiphertext(text) ? undefined : text;
}
