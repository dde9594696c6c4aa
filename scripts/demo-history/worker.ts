// The module Worker the demo history runs in: inside workerd, next to the local D1, so the flows' many small queries never leave the process.
// It also moves the metric windows to today, on every start, history written now or before.
import { seedDemoHistory } from './seed-history';
import { moveMetricWindows } from '../../worker/flows/metric-windows';

interface HistoryEnv {
  DB: D1Database;
  CLICK_ID_SECRET: string;
  PASSWORD_HASH: string;
}

export default {
  async fetch(request: Request, env: HistoryEnv): Promise<Response> {
    const now = Number(new URL(request.url).searchParams.get('now'));
    try {
      const summary = await seedDemoHistory(env.DB, { now, clickIdSecret: env.CLICK_ID_SECRET, passwordHash: env.PASSWORD_HASH });
      // The console's metric windows, moved to today as the hourly Cron Trigger would (wrangler dev runs no Cron by itself).
      await moveMetricWindows(env.DB, now);
      return Response.json({ summary });
    } catch (e) {
      return Response.json({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, { status: 500 });
    }
  },
};
