import { describe, expect, it } from 'vitest';
import { createProgressBar, type ProgressStream } from './progress-bar.js';

function fakeTerminal(isTTY: boolean): ProgressStream & { output: string[] } {
  const output: string[] = [];
  return {
    isTTY,
    columns: 80,
    output,
    write(chunk: string | Uint8Array): boolean {
      output.push(String(chunk));
      return true;
    },
  };
}

describe('createProgressBar', () => {
  it('draws percentage, records and records per second on one line, at most ten times a second', () => {
    const terminal = fakeTerminal(true);
    let now = 0;
    const bar = createProgressBar(terminal, 'orders.csv', () => now);
    now = 1000;
    bar.update(250, 1000, 5000);
    now = 1050;
    bar.update(300, 1000, 6000); // within 100 ms of the last draw: not drawn
    now = 2000;
    bar.update(1000, 1000, 20_000);
    bar.finish();
    expect(terminal.output).toEqual([
      '\rorders.csv [======>                 ]  25% 5,000 records 5,000/s\u001b[K',
      '\rorders.csv [========================] 100% 20,000 records 10,000/s\u001b[K',
      '\rorders.csv [========================] 100% 20,000 records 10,000/s\u001b[K',
      '\n',
    ]);
  });

  it('clips the line to the terminal width', () => {
    const terminal = { ...fakeTerminal(true), columns: 20 };
    const bar = createProgressBar(terminal, 'a-very-long-label.csv', () => 0);
    bar.update(1, 2, 3);
    expect(terminal.output[0]).toBe('\ra-very-long-label.c\u001b[K');
  });

  it('writes nothing when the stream is not a terminal', () => {
    const terminal = fakeTerminal(false);
    const bar = createProgressBar(terminal, 'orders.csv');
    bar.update(1, 2, 3);
    bar.finish();
    expect(terminal.output).toEqual([]);
  });
});
