// A click id handed out moments ago may still wait in this isolate's batch: write the batch, then look again.
import type { ClickFact } from '../domain/attribution';
import { getClick } from '../db/clicks';
import { clickWriter } from './click-writer';

export async function findClick(db: D1Database, programId: string, clickId: string): Promise<ClickFact | null> {
  const click = await getClick(db, programId, clickId);
  if (click || clickWriter.waiting === 0) return click;
  await clickWriter.drain(db);
  return getClick(db, programId, clickId);
}
