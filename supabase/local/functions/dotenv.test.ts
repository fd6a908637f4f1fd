import { describe, expect, it } from 'vitest';
import { parseDotEnv } from './index.ts';

describe('parseDotEnv', () => {
  it('reads KEY=VALUE lines like `supabase secrets set --env-file`', () => {
    const text = ['# comment', 'A=1', 'export B = two words ', "C='quoted # not a comment'", 'D="x"', 'not a line', '', 'E='].join('\n');
    expect(parseDotEnv(text)).toEqual({ A: '1', B: 'two words', C: 'quoted # not a comment', D: 'x', E: '' });
  });
});
