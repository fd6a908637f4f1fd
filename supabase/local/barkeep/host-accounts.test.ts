import { describe, expect, it } from 'vitest';
import { HostAccountError, validateHostCredentials } from './host-accounts.ts';
import { firstHostHint } from './host-command.ts';

describe('validateHostCredentials', () => {
  it('normalises the email', () => {
    expect(validateHostCredentials('  Host@Example.COM ', 'secret1')).toEqual({ email: 'host@example.com', password: 'secret1' });
  });

  it.each([
    [undefined, 'secret1', '--email is required'],
    ['not-an-email', 'secret1', 'is not an email address'],
    ['host@example.com', undefined, '--password is required'],
    ['host@example.com', '12345', 'at least 6 characters'],
  ])('refuses %s / %s', (email, password, message) => {
    expect(() => validateHostCredentials(email, password)).toThrow(HostAccountError);
    expect(() => validateHostCredentials(email, password)).toThrow(message);
  });
});

describe('firstHostHint', () => {
  it('tells how to create the host account and where to sign in, without any password', () => {
    const hint = firstHostHint('http://192.168.1.5:5173/host');
    expect(hint).toContain('npx barkeep host add --email');
    expect(hint).toContain('http://192.168.1.5:5173/host/login');
  });
});
