import type { Bilingual } from '../domain/finding.js';

/**
 * ReportError is a report request that cannot be met as asked: no such
 * order or incident (404), a review of an incident not yet closed (409), a
 * bad receiver or value (400). It carries the HTTP status the server
 * answers with and the words in both languages.
 */
export class ReportError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    readonly bilingual: Bilingual,
  ) {
    super(bilingual.en);
  }
}
