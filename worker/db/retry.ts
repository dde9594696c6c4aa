// Retrying writes that must not be lost (clicks written after the response has gone).

export async function withRetry<T>(write: () => Promise<T>, attempts = 5, baseDelayMs = 50): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, baseDelayMs * 2 ** (i - 1)));
    }
  }
}
