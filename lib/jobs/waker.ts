/** An interruptible sleep for worker loops: sleep(ms) ends after ms, or at once when wake() is called. */
export class Waker {
  private wakeUp: (() => void) | null = null;

  wake() {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}
