import { describe, expect, it } from 'vitest';
import { LogTail } from './log-tail.ts';

describe('LogTail', () => {
  it('keeps only the last lines, each cut to its length', () => {
    const tail = new LogTail(3, 10);
    for (let i = 0; i < 10_000; i++) tail.push(`line ${i}\n`);
    tail.push(`ERROR: ${'x'.repeat(1000)}`);
    expect(tail.text().split('\n')).toEqual(['line 9998', 'line 9999', 'ERROR: xxx…']);
    expect(tail.text(1)).toBe('ERROR: xxx…');
  });
});
