import { describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/public', () => ({ env: { PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321', PUBLIC_SUPABASE_ANON_KEY: 'anon' } }));
const { supabaseUrl } = await import('./config.ts');

describe('supabaseUrl', () => {
  it('keeps the configured URL on this machine', () => {
    expect(supabaseUrl('localhost')).toBe('http://127.0.0.1:54321');
    expect(supabaseUrl()).toBe('http://127.0.0.1:54321');
  });

  it('points a phone on the Wi-Fi at the host it loaded the page from', () => {
    expect(supabaseUrl('192.168.1.20')).toBe('http://192.168.1.20:54321');
  });
});
