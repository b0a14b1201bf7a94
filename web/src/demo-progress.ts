/** DemoProgress is what a worker's heartbeat says of loading the demo (GET /worker: workers[].demo). */
export interface DemoProgress {
  readonly phase: 'orders' | 'history' | 'done';
  readonly records?: number;
  readonly day?: number;
  readonly days?: number;
}

/** demoPercent is how far loading the demo is: storing its orders is the first tenth, living its history day by day the rest. */
export function demoPercent(p: DemoProgress): number {
  if (p.phase === 'done') return 100;
  if (p.phase === 'orders') return 5;
  const share = p.days ? Math.min(1, (p.day ?? 0) / p.days) : 0;
  return Math.min(99, Math.round(10 + 90 * share));
}
