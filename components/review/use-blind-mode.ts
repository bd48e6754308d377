'use client';
import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'winnow:review-blind';
const listeners = new Set<() => void>();

function subscribe(fn: () => void) {
  listeners.add(fn);
  window.addEventListener('storage', fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', fn);
  };
}

/** Blind mode (hide scores and verdicts), remembered per browser. */
export function useBlindMode(): [boolean, (on: boolean) => void] {
  const blind = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(KEY) === '1',
    () => false,
  );
  const set = useCallback((on: boolean) => {
    window.localStorage.setItem(KEY, on ? '1' : '0');
    for (const fn of listeners) fn();
  }, []);
  return [blind, set];
}
