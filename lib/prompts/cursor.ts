// Opaque keyset cursors for prompt lists. A cursor names the id of the row the next page starts
// after (or the previous page ends before); it is base64url JSON so it can change shape later.
// Pure: used by the server (decode) and passed through untouched by the browser.

type CursorPayload = { v: 1; id: number };

function toBase64Url(s: string) {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function encodeCursor(id: number): string {
  const payload: CursorPayload = { v: 1, id };
  return toBase64Url(JSON.stringify(payload));
}

/** The id inside a cursor, or null when the cursor is missing, malformed or from another version. */
export function decodeCursor(cursor: string | null | undefined): number | null {
  if (!cursor || cursor.length > 100 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const parsed = JSON.parse(fromBase64Url(cursor)) as Partial<CursorPayload>;
    if (parsed?.v !== 1 || typeof parsed.id !== 'number' || !Number.isSafeInteger(parsed.id) || parsed.id < 0) return null;
    return parsed.id;
  } catch {
    return null;
  }
}
