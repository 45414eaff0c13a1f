// Polling that stops when the page is left (the router aborts the page's signal) and never overlaps itself.

/** Waits ms milliseconds, or less if the signal aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** Calls step() until it returns false or the signal aborts, waiting every ms between calls. */
export async function poll(step, ms, signal) {
  while (!signal.aborted) {
    let again = true;
    try {
      again = await step();
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    if (!again || signal.aborted) return;
    await sleep(ms, signal);
  }
}
