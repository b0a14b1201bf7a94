/** LogisticExample is one observation: feature values, the outcome, and how many orders it stands for. */
export interface LogisticExample {
  readonly x: readonly number[];
  readonly y: boolean;
  readonly weight: number;
}

/** LogisticFit is a fitted model on standardised features: p = σ(bias + Σ coefficient·(x − mean)/scale). */
export interface LogisticFit {
  readonly bias: number;
  readonly coefficients: readonly number[];
  readonly means: readonly number[];
  readonly scales: readonly number[];
}

/** sigmoid is the logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** logisticScore is the fitted log-odds of x, and each feature's share of it (its contribution). */
export function logisticScore(fit: LogisticFit, x: readonly number[]): { readonly logOdds: number; readonly contributions: readonly number[] } {
  const contributions = fit.coefficients.map((c, i) => c * ((x[i]! - fit.means[i]!) / fit.scales[i]!));
  return { logOdds: fit.bias + contributions.reduce((a, b) => a + b, 0), contributions };
}

/**
 * fitLogistic fits a weighted logistic regression with an L2 penalty
 * (`l2`, on the standardised coefficients, not the bias) by Newton's method.
 * Features are standardised first, so the penalty treats them alike and the
 * coefficients compare. A few hundred examples and a handful of features:
 * the exact Newton step is cheap and converges in a few iterations.
 */
export function fitLogistic(examples: readonly LogisticExample[], l2: number): LogisticFit {
  const k = examples[0]?.x.length ?? 0;
  const total = examples.reduce((s, e) => s + e.weight, 0);
  const means = Array.from({ length: k }, (_, i) => examples.reduce((s, e) => s + e.weight * e.x[i]!, 0) / total);
  const scales = means.map((m, i) => {
    const variance = examples.reduce((s, e) => s + e.weight * (e.x[i]! - m) ** 2, 0) / total;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  // Row = [1, standardised features]; weights normalised to a mean of 1 so l2 means the same at any scale.
  const rows = examples.map((e) => [1, ...e.x.map((v, i) => (v - means[i]!) / scales[i]!)]);
  const w = examples.map((e) => (e.weight * examples.length) / total);
  const beta = new Array<number>(k + 1).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(k + 1).fill(0);
    const hessian = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    rows.forEach((row, n) => {
      const p = sigmoid(row.reduce((s, v, i) => s + v * beta[i]!, 0));
      const residual = (examples[n]!.y ? 1 : 0) - p;
      const curvature = Math.max(p * (1 - p), 1e-9) * w[n]!;
      for (let i = 0; i <= k; i++) {
        gradient[i]! += w[n]! * residual * row[i]!;
        for (let j = 0; j <= k; j++) hessian[i]![j]! += curvature * row[i]! * row[j]!;
      }
    });
    for (let i = 1; i <= k; i++) {
      gradient[i]! -= l2 * beta[i]!;
      hessian[i]![i]! += l2;
    }
    const step = solve(hessian, gradient);
    let largest = 0;
    for (let i = 0; i <= k; i++) {
      beta[i]! += step[i]!;
      largest = Math.max(largest, Math.abs(step[i]!));
    }
    if (largest < 1e-8) break;
  }
  return { bias: beta[0]!, coefficients: beta.slice(1), means, scales };
}

/** solve solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}
