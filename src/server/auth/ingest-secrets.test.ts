import { describe, expect, it } from 'vitest';
import { SettingsSchema, type Settings } from '../../config/settings.js';
import { IngestSecrets } from './ingest-secrets.js';

const A = 'secret-a-0123456789abcdef';
const B = 'secret-b-0123456789abcdef';
const C = 'secret-c-0123456789abcdef';

describe('IngestSecrets', () => {
  it('follows a reload at once and keeps a replaced secret (and salt) for the overlap', () => {
    let now = 0;
    let settings: Settings = SettingsSchema.parse({ ingest: { secrets: { generic: A }, kuaidi100Salt: 'salt-1', secretOverlap: '10m' } });
    const secrets = new IngestSecrets(() => settings, { now: () => now });
    expect(secrets.secretsOf('generic')).toEqual([A]);
    expect(secrets.secretsOf('taobao')).toEqual([]);
    settings = SettingsSchema.parse({ ingest: { secrets: { generic: B }, kuaidi100Salt: 'salt-2', secretOverlap: '10m' } });
    now = 1000;
    expect(secrets.secretsOf('generic')).toEqual([B, A]);
    expect(secrets.kuaidi100Salts()).toEqual(['salt-2', 'salt-1']);
    now = 1000 + 10 * 60_000;
    expect(secrets.secretsOf('generic')).toEqual([B]);
    expect(secrets.kuaidi100Salts()).toEqual(['salt-2']);
  });

  it('accepts every secret of a list, and a secret put back is not listed twice', () => {
    let settings: Settings = SettingsSchema.parse({ ingest: { secrets: { generic: [A, B] } } });
    const secrets = new IngestSecrets(() => settings, { now: () => 0 });
    expect(secrets.secretsOf('generic')).toEqual([A, B]);
    settings = SettingsSchema.parse({ ingest: { secrets: { generic: [C, A] } } });
    expect(secrets.secretsOf('generic')).toEqual([C, A, B]);
  });
});
