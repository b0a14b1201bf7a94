import { describe, expect, it } from 'vitest';
import { isCiphertext, readableOrUndefined } from './ciphertext.js';

describe('isCiphertext', () => {
  it('knows the platforms’ delimited forms, 快手’s "&"-joined tokens included', () => {
    expect(isCiphertext('##4bS0XT0Wq3cGRyYV1mhVPA==#1##')).toBe(true);
    expect(isCiphertext('$$U2FsdGVkX18a1b2c3d4e5f6==$1$$')).toBe(true);
    expect(isCiphertext('~AgAAAAEPnOBZ3nEvoAmLj8R+qg==~1~~')).toBe(true);
    // 快手's forms, shortened from the encrypted fields in src/ingest/kuaishou/kuaishou.test.ts.
    expect(isCiphertext('$aOlu6gb6ci833T9xZKtnZfSW$Ci1tZXJj&Ci1tZXJjaGFudC5v$1$$')).toBe(true);
    expect(isCiphertext('#sZFyd96rd96r#Ci1tZXJjaGFu&Ci1tZXJjaGFudC5vcGVu#1##')).toBe(true);
  });

  it('leaves readable names, phones and addresses alone, "&" and "#" included', () => {
    for (const text of ['张三', '13800138000', '138****1234', '浙江省杭州市西湖区文三路 100 号', 'Flat 3 & 4, 10 Baker Street', '#12 & #14 Queen St', '$100 voucher', 'A&B Trading Co'])
      expect(isCiphertext(text), text).toBe(false);
    expect(readableOrUndefined('张三')).toBe('张三');
    expect(readableOrUndefined('#sZFyd96rd96r#Ci1tZXJj&Ci1tZXJjaGFu#1##')).toBeUndefined();
  });
});
