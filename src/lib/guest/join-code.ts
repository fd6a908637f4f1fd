// What a guest may type, paste or scan as an invite: the code itself or the whole join URL from the QR code.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The invite code (lower-case UUID) inside `text`, or null when there is none. */
export function extractInviteCode(text: string | null | undefined): string | null {
  const input = (text ?? '').trim();
  if (!input) return null;
  try {
    const fromUrl = new URL(input).searchParams.get('code');
    if (fromUrl !== null) return UUID.test(fromUrl) && fromUrl.trim().length === 36 ? fromUrl.trim().toLowerCase() : null;
  } catch {
    // not a URL: maybe the bare code
  }
  const match = UUID.exec(input);
  return match && match[0].length === input.length ? match[0].toLowerCase() : null;
}
