/**
 * nextBackwardPage says which page to ask for next when a platform numbers
 * its pages over a fixed `modified` window. An order changed while we page
 * leaves the window, and every later order moves one place forward: paging
 * forward would skip one. So the first page only tells the total, then the
 * pages are read from the last back to the first (TOP and 拼多多 both
 * advise it for their increment APIs): a shift then repeats an order, which
 * the idempotent ingest drops, and never skips one. `first` is 1 on
 * platforms counting from 1, 0 on those counting from 0 (抖店).
 */
export function nextBackwardPage(options: { readonly asked: string | undefined; readonly total: number; readonly pageSize: number; readonly first: 0 | 1 }): string | undefined {
  const { asked, total, pageSize, first } = options;
  const last = first + Math.max(0, Math.ceil(total / pageSize) - 1);
  if (asked === undefined) return last > first ? String(last) : undefined;
  const page = Number(asked);
  return page > first ? String(page - 1) : undefined;
}

/** pageOf reads the page to ask for: the first one when none was given. */
export function pageOf(asked: string | undefined, first: 0 | 1): number {
  return asked === undefined ? first : Number(asked);
}
