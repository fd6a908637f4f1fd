// A short, human description of the device behind a User-Agent ("iPhone · Safari"), stored with each
// refresh token so a host can tell a guest's logins apart. Best effort; never used for security.

const PLATFORMS: Array<[RegExp, string]> = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'Mac'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/Deno\//, 'Deno'],
  [/node|undici/i, 'Node.js'],
];

export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const platform = PLATFORMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const parts = [platform, browser].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Unknown device';
}

/** The User-Agent as stored: bounded, control characters removed. */
export function storedUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  return userAgent.replace(/[\p{Cc}]/gu, '').slice(0, 512);
}
