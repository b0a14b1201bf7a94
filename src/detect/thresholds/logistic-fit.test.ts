import { describe, expect, it } from 'vitest';
import { fitLogistic, logisticScore, sigmoid, type LogisticExample } from './index.js';

/** Examples where y is true with probability σ(−1 + 2·x₀) and x₁ is noise, on a fixed grid (no randomness). */
function examples(): LogisticExample[] {
  const out: LogisticExample[] = [];
  for (let i = 0; i < 200; i++) {
    const x0 = (i % 20) / 10;
    const x1 = ((i * 7) % 13) / 13;
    const p = sigmoid(-1 + 2 * x0);
    // Of every 10 orders at this x₀, round(10·p) are late.
    const y = (Math.floor(i / 20) + 0.5) / 10 < p;
    out.push({ x: [x0, x1], y, weight: 1 });
  }
  return out;
}

describe('fitLogistic', () => {
  it('recovers the direction and size of a real effect and leaves noise near zero', () => {
    const fit = fitLogistic(examples(), 0.01);
    const raw0 = fit.coefficients[0]! / fit.scales[0]!;
    expect(raw0).toBeGreaterThan(1.5);
    expect(raw0).toBeLessThan(2.5);
    expect(Math.abs(fit.coefficients[1]!)).toBeLessThan(0.2);
  });

  it('is calibrated on its examples: the mean probability is the share of positives', () => {
    const data = examples();
    const fit = fitLogistic(data, 0.01);
    const mean = data.reduce((s, e) => s + sigmoid(logisticScore(fit, e.x).logOdds), 0) / data.length;
    expect(mean).toBeCloseTo(data.filter((e) => e.y).length / data.length, 3);
  });

  it('shrinks coefficients under a stronger penalty; a weight counts as repeated examples, whatever the scale of the weights', () => {
    const data = examples();
    expect(Math.abs(fitLogistic(data, 50).coefficients[0]!)).toBeLessThan(Math.abs(fitLogistic(data, 0.01).coefficients[0]!));
    const doubledFirst = fitLogistic([data[0]!, ...data], 0);
    const weightedFirst = fitLogistic([{ ...data[0]!, weight: 2 }, ...data.slice(1)], 0);
    expect(weightedFirst.coefficients[0]! / weightedFirst.scales[0]!).toBeCloseTo(doubledFirst.coefficients[0]! / doubledFirst.scales[0]!, 6);
    expect(fitLogistic(data.map((e) => ({ ...e, weight: 18.654 })), 1).coefficients[0]).toBeCloseTo(fitLogistic(data, 1).coefficients[0]!, 9);
  });

  it('splits the log-odds into each feature’s contribution', () => {
    const fit = fitLogistic(examples(), 1);
    const score = logisticScore(fit, [1.5, 0.2]);
    expect(score.logOdds).toBeCloseTo(fit.bias + score.contributions[0]! + score.contributions[1]!, 12);
  });
});
