// Clicks: who is a bot, what device and browser a visitor uses, and when a click is a repeat.
import { isbot } from 'isbot';
import UAParser from 'ua-parser-js';

export const REPEAT_WINDOW_MS = 60 * 60 * 1000;

export type DeviceClass = 'desktop' | 'mobile' | 'tablet' | 'other';

export interface VisitorClass {
  isBot: boolean;
  device: DeviceClass | null;
  browser: string | null;
}

/**
 * Bots, link-preview fetchers (Slack, WhatsApp, iMessage…), HEAD requests and requests without a user agent
 * are recorded but flagged, so they never count as visits.
 */
export function classifyVisitor(method: string, userAgent: string | null): VisitorClass {
  if (!userAgent) return { isBot: true, device: null, browser: null };
  const bot = method === 'HEAD' || isbot(userAgent);
  const ua = new UAParser(userAgent).getResult();
  const type = ua.device.type;
  const device: DeviceClass = type === 'mobile' ? 'mobile' : type === 'tablet' ? 'tablet' : type ? 'other' : 'desktop';
  return { isBot: bot, device: bot ? null : device, browser: ua.browser.name ?? null };
}

/**
 * What counts as a visit: a click by a person (not a bot, a link preview or a HEAD request) that is not a repeat of
 * the same visitor within the window. The daily stats count visits as clicks and scans (`clickStats` in daily-stats.ts).
 */
export function countsAsVisit(c: { isBot: boolean; isRepeat: boolean }): boolean {
  return !c.isBot && !c.isRepeat;
}

/** The same visitor on the same invitation within the window counts once. */
export function isRepeat(firstAt: number, now: number): boolean {
  return now - firstAt < REPEAT_WINDOW_MS && now >= firstAt;
}
