// Stand-ins for next/headers and next/cache so server actions and route handlers can be called
// directly in integration tests "as" a given visitor. Use with:
//   vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
//   vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));
let current = new Headers();

/** The headers (cookie, origin …) of the request the next calls will see. */
export function setRequestHeaders(init: HeadersInit) {
  current = new Headers(init);
}

export async function headers() {
  return current;
}

export async function cookies() {
  const jar = new Map<string, string>();
  for (const part of (current.get('cookie') ?? '').split(/;\s*/)) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i), part.slice(i + 1));
  }
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: () => {},
    delete: () => {},
  };
}

export function revalidatePath() {}
export function revalidateTag() {}
export function unstable_cache<T>(fn: T) {
  return fn;
}
