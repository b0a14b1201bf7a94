import type { Settings } from '../../config/settings.js';
import type { Clock, Instant } from '../../domain/time.js';

type IngestSettings = Settings['ingest'];

/** KUAIDI100_SALT names the Kuaidi100 salt among the secrets. */
const KUAIDI100_SALT = '#kuaidi100Salt';

function secretsIn(ingest: IngestSettings): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const [channel, value] of Object.entries(ingest.secrets) as Array<[string, string | readonly string[] | undefined]>) {
    if (value !== undefined) out.set(channel, typeof value === 'string' ? [value] : value);
  }
  if (ingest.kuaidi100Salt !== undefined) out.set(KUAIDI100_SALT, [ingest.kuaidi100Salt]);
  return out;
}

/**
 * IngestSecrets gives the secrets a signed ingest request may be signed
 * with, following the settings in effect: a reloaded file applies at once,
 * and a secret the reload replaced stays accepted for `ingest.secretOverlap`
 * so senders can switch without a gap (from the first request after the
 * reload). A file may also list up to three secrets per channel for a
 * rotation planned across several instances.
 */
export class IngestSecrets {
  private seen: IngestSettings | undefined;
  private readonly retiring = new Map<string, Array<{ readonly secret: string; readonly until: Instant }>>();

  constructor(
    private readonly settings: () => Settings,
    private readonly clock: Clock,
  ) {}

  /** secretsOf lists the channel's secrets in effect, the newest first; empty when none is configured. */
  secretsOf(channel: string): readonly string[] {
    return this.current(channel);
  }

  /** kuaidi100Salts lists the Kuaidi100 salts in effect, the newest first. */
  kuaidi100Salts(): readonly string[] {
    return this.current(KUAIDI100_SALT);
  }

  private current(key: string): readonly string[] {
    const ingest = this.settings().ingest;
    const now = this.clock.now();
    if (ingest !== this.seen) this.follow(ingest, now);
    const live = secretsIn(ingest).get(key) ?? [];
    const old = (this.retiring.get(key) ?? []).filter((r) => r.until > now && !live.includes(r.secret)).map((r) => r.secret);
    return [...live, ...old];
  }

  private follow(ingest: IngestSettings, now: Instant): void {
    if (this.seen !== undefined) {
      const before = secretsIn(this.seen);
      const after = secretsIn(ingest);
      for (const [key, secrets] of before) {
        const kept = after.get(key) ?? [];
        const dropped = secrets.filter((s) => !kept.includes(s));
        if (dropped.length === 0) continue;
        const list = (this.retiring.get(key) ?? []).filter((r) => r.until > now);
        list.push(...dropped.map((secret) => ({ secret, until: now + ingest.secretOverlap })));
        this.retiring.set(key, list);
      }
    }
    this.seen = ingest;
  }
}
