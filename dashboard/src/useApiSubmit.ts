// A form's submission to the API: busy while it runs, and the API's error message and field problems when it fails.
import { useState } from 'preact/hooks';
import { ApiError, type FieldProblem } from './api';

export function useApiSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);

  function clear() {
    setError('');
    setProblems([]);
  }

  /** Runs the call once at a time; a failure is shown, not thrown. */
  async function run(call: () => Promise<void>): Promise<void> {
    if (busy) return;
    setBusy(true);
    clear();
    try {
      await call();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      if (err instanceof ApiError) setProblems(err.problems);
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, problems, run, clear };
}
