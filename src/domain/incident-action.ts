import type { Bilingual } from './finding.js';
import type { RootCause } from './incident.js';
import type { OrderId } from './order.js';
import type { Role } from './role.js';
import type { Instant } from './time.js';

/** Actor is who does an action: a signed-in person (or token) with a role. */
export interface Actor {
  readonly name: string;
  readonly role: Role;
}

/** ActionRequest is one thing a person does to an incident (API, CLI and console send these). */
export type ActionRequest =
  | { readonly type: 'acknowledge'; readonly reason?: string }
  | { readonly type: 'assign'; readonly assignee: string; readonly reason?: string }
  | { readonly type: 'start'; readonly reason?: string }
  | { readonly type: 'pause'; readonly reason: string; readonly until?: Instant }
  | { readonly type: 'resume'; readonly reason?: string }
  | { readonly type: 'escalate'; readonly reason?: string }
  | { readonly type: 'resolve'; readonly reason?: string }
  /** `force` closes while compensation waits for approval; it needs a reason, which is recorded. */
  | { readonly type: 'close'; readonly rootCause: RootCause; readonly reason?: string; readonly force?: boolean }
  | { readonly type: 'reopen'; readonly reason: string }
  | { readonly type: 'review'; readonly reason?: string }
  | { readonly type: 'check'; readonly itemId: string; readonly done: boolean; readonly note?: string }
  | { readonly type: 'compensate'; readonly kind: string; readonly amountFen: number; readonly orderId?: OrderId; readonly note?: string }
  | { readonly type: 'decide_compensation'; readonly compensationId: string; readonly approve: boolean; readonly note?: string }
  | { readonly type: 'rate'; readonly score: number; readonly comment?: string }
  | { readonly type: 'comment'; readonly text: string };

/** ActionError is a refused action: HTTP-like status, a stable code and a message in both languages. */
export class ActionError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    readonly bilingual: Bilingual,
  ) {
    super(bilingual.en);
  }
}

/** BulkResult is one incident's outcome in a bulk action: done, or refused with a code and the reason in both languages. */
export interface BulkResult {
  readonly id: string;
  readonly ok: boolean;
  readonly state?: string;
  readonly code?: string;
  readonly message?: { readonly zh: string; readonly en: string };
  readonly error?: string;
}
