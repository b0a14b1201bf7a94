import type { Clock, Instant } from '../../domain/time.js';
import type { SignInFailures, UserStore } from '../../store/store.js';

/** SignInLimits are the throttle's numbers. */
export interface SignInLimits {
  /** Failures of one user name before it is locked. */
  readonly perUser: number;
  /** Failures from one address (any user names) before it is locked. */
  readonly perAddress: number;
  /** Failures older than this are forgotten. */
  readonly windowMs: number;
  /** The first lock; each further failure doubles it, up to maxLockMs. */
  readonly firstLockMs: number;
  readonly maxLockMs: number;
}

/** SIGN_IN_LIMITS: 5 tries per user name and 20 per address within 15 minutes, then locks of 15 s doubling to 15 min (ASVS 2.2.1). */
export const SIGN_IN_LIMITS: SignInLimits = { perUser: 5, perAddress: 20, windowMs: 15 * 60_000, firstLockMs: 15_000, maxLockMs: 15 * 60_000 };

/** userSubject names a user name's counter; case and width do not make a new one. */
function userSubject(name: string): string {
  return `user:${name.normalize('NFKC').toLowerCase()}`;
}

function addressSubject(address: string): string {
  return `addr:${address}`;
}

/**
 * SignInThrottle refuses sign-ins of a user name or from an address after
 * too many failures, for a time that doubles with each further failure. The
 * counts live in the store, so every instance of a cluster sees them; an
 * unknown user name is counted like a known one, so the lock tells nothing
 * about which names exist. A lock on a user name can be used to keep its
 * owner out for up to maxLockMs: the price of stopping password guessing.
 */
export class SignInThrottle {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
    private readonly limits: SignInLimits = SIGN_IN_LIMITS,
  ) {}

  /** lockedFor is how long a sign-in of this name from this address must wait (ms), or 0. */
  async lockedFor(name: string, address: string): Promise<number> {
    const now = this.clock.now();
    const records = await this.users.signInFailures([userSubject(name), addressSubject(address)]);
    return Math.max(0, ...records.map((r) => (r.lockedUntil ?? 0) - now));
  }

  /** failed counts a failure of this name from this address and locks either when over its limit. */
  async failed(name: string, address: string): Promise<void> {
    const now = this.clock.now();
    await this.count(await this.users.recordSignInFailure(userSubject(name), now, this.limits.windowMs), this.limits.perUser, now);
    await this.count(await this.users.recordSignInFailure(addressSubject(address), now, this.limits.windowMs), this.limits.perAddress, now);
  }

  /** succeeded forgets the user name's failures (the address keeps its count: one good account must not reset a spray). */
  async succeeded(name: string): Promise<void> {
    await this.users.clearSignInFailures(userSubject(name));
  }

  private async count(record: SignInFailures, allowed: number, now: Instant): Promise<void> {
    const over = record.failures - allowed;
    if (over < 0) return;
    const lockMs = Math.min(this.limits.maxLockMs, this.limits.firstLockMs * 2 ** Math.min(over, 20));
    await this.users.lockSignIn(record.subject, now + lockMs);
  }
}
