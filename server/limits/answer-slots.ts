/**
 * Chat answers being generated at once in this process. Past the bound a new question is refused at once (503
 * with Retry-After) rather than queued: a queue without end only turns overload into timeouts for everyone.
 */
export class AnswerSlots {
  private inUse = 0;

  constructor(private readonly capacity: number) {}

  /** A slot and the function that gives it back (once, however often it is called), or null when all are taken. */
  take(): (() => void) | null {
    if (this.inUse >= this.capacity) return null;
    this.inUse += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= 1;
    };
  }
}
