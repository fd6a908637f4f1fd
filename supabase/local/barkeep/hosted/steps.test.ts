import { describe, expect, it } from 'vitest';
import { StepFailed, Steps } from './steps.ts';

describe('Steps', () => {
  it('prints each step with its time, and a detail line when the step gives one', async () => {
    const lines: string[] = [];
    const steps = new Steps((line) => lines.push(line));
    expect(await steps.run('first', async () => 42)).toBe(42);
    await steps.run('second', async (step) => {
      step.detail = '7 ms after the update';
    });
    expect(lines[0]).toMatch(/^ {2}✓ first +\d+ ms$/);
    expect(lines[1]).toMatch(/^ {2}✓ second +\d+ ms$/);
    expect(lines[2]).toBe('    7 ms after the update');
    expect(steps.failed).toEqual([]);
  });

  it('a failed step says why; an unexpected error becomes a failed step too', async () => {
    const lines: string[] = [];
    const steps = new Steps((line) => lines.push(line));
    await expect(steps.run('expected', async () => Promise.reject(new StepFailed('The bar is closed.')))).rejects.toThrow(StepFailed);
    await expect(steps.run('unexpected', async () => Promise.reject(new TypeError('boom')))).rejects.toThrow(StepFailed);
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}✗ expected/),
      '    The bar is closed.',
      expect.stringMatching(/^ {2}✗ unexpected/),
      '    unexpected error: boom',
    ]);
    expect(steps.failed.map((step) => step.name)).toEqual(['expected', 'unexpected']);
  });

  it('a step that hangs fails after its timeout instead of hanging the command', async () => {
    const steps = new Steps(() => {});
    await expect(steps.run('hangs', () => new Promise(() => {}), { timeoutMs: 50 })).rejects.toThrow('No answer within 0.05 s');
    expect(steps.failed).toHaveLength(1);
  });
});
