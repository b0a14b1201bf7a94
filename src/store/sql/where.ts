import type { SqlValue } from './driver.js';

/**
 * Where collects the AND-ed conditions of a filtered list query with their
 * parameters, in order. A filter field left undefined adds nothing, so a
 * repository says each condition once instead of an if-push pair per field.
 */
export class Where {
  private readonly conditions: string[] = [];
  readonly params: SqlValue[] = [];

  /** add appends a condition with its `?` values. */
  add(condition: string, ...values: SqlValue[]): this {
    this.conditions.push(condition);
    this.params.push(...values);
    return this;
  }

  /** when adds `condition` with `value` unless the value is undefined. */
  when(condition: string, value: SqlValue | undefined): this {
    return value === undefined ? this : this.add(condition, value);
  }

  /** anyOf adds `column IN (…)` for a non-empty list; undefined or empty adds nothing. */
  anyOf(column: string, values: readonly SqlValue[] | undefined): this {
    if (!values || values.length === 0) return this;
    return this.add(`${column} IN (${values.map(() => '?').join(',')})`, ...values);
  }

  /** The clause with its leading " WHERE ", or "" when nothing was added. */
  toString(): string {
    return this.conditions.length ? ` WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
