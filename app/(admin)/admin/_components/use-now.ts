'use client';

import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs`, so "3 minutes ago" keeps telling the truth on a page left open. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
