/**
 * Waits for `probe` to give a value, polling every 100 ms (never a fixed sleep), at most `ms`; the
 * error names what was awaited and, when given, what the processes under test printed.
 */
export async function until<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined> | T | undefined,
  context: () => string = () => "",
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${ms} ms${context() ? `\n${context()}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
