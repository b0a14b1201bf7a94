import { getPriority, setPriority } from 'node:os';

/**
 * BACKGROUND_NICE is how much the background thread (detection, grouping,
 * delivery) gives way to the threads on the request path (the server's event
 * loop and the ingest writer) when the two cores are all busy, as in a
 * peak's burst. Linux keeps a nice value per thread, so only this thread is
 * lowered; when the cores are free it runs at full speed all the same.
 * `ORDERWATCH_BACKGROUND_NICE` overrides it (0 turns it off).
 */
export const BACKGROUND_NICE = 5;

/**
 * yieldToRequests lowers the calling thread's scheduling priority and says
 * what it is now, or why it could not (another system, or not permitted):
 * running at the normal priority is then all that happens.
 */
export function yieldToRequests(nice = Number(process.env['ORDERWATCH_BACKGROUND_NICE'] ?? BACKGROUND_NICE)): { readonly nice: number } | { readonly error: string } {
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) return { error: `ORDERWATCH_BACKGROUND_NICE must be a whole number from 0 to 19, not ${nice}` };
  try {
    // pid 0 is the calling thread on Linux (a thread is its own task there).
    if (getPriority(0) < nice) setPriority(0, nice);
    return { nice: getPriority(0) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
