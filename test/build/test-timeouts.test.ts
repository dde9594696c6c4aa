// npm test must not depend on a quiet machine: the projects that do real work set their timeouts on purpose.
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config';

describe('test timeouts', () => {
  for (const name of ['worker', 'e2e']) {
    it(`the ${name} project sets a timeout of at least 30 s, not vitest's 5 s default`, () => {
      const project = (config.test?.projects as { test?: { name?: string; testTimeout?: number } }[]).find((p) => p.test?.name === name);
      expect(project?.test?.testTimeout).toBeGreaterThanOrEqual(30_000);
    });
  }
});
