// The dashboard's language (English, Swedish or German): which one the reader gets, t() to read a message in it, and
// the locale its numbers, dates and amounts follow. English is bundled; Swedish and German load when chosen.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LANGUAGES, preferredLanguage, type Language } from '../../../shared/email-templates';
import { en, type MessageKey, type Messages } from './en';

export type { Language, MessageKey, Messages };
export { LANGUAGES };

/** The locale each language formats numbers, dates and money in. */
export const LOCALES: Record<Language, string> = { en: 'en', sv: 'sv-SE', de: 'de-DE' };

/** Each language by its own name, as the picker lists it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sv: 'Svenska', de: 'Deutsch' };

/** Where the reader's own choice is remembered, in this browser. */
export const STORAGE_KEY = 'edgeref.language';

const isLanguage = (tag: unknown): tag is Language => (LANGUAGES as readonly unknown[]).includes(tag);

/** The reader's choice when they made one, else the first of the browser's languages edgeref speaks, else English. */
export function chooseLanguage(stored: string | null | undefined, browser: readonly string[]): Language {
  return isLanguage(stored) ? stored : preferredLanguage(browser);
}

const loaders: Record<Language, () => Promise<Messages>> = {
  en: async () => en,
  sv: () => import('./sv').then((m) => m.sv),
  de: () => import('./de').then((m) => m.de),
};

let current: Language = 'en';
let messages: Messages = en;
const listeners = new Set<() => void>();

export const language = (): Language => current;
export const locale = (): string => LOCALES[current];

/** Switches the words (loading the catalogue first), the page's lang, and remembers a choice the reader made. */
export async function setLanguage(next: Language, remember = false): Promise<void> {
  messages = await loaders[next]();
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = LOCALES[next];
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage refused (a private window's policy): the choice lasts until the page is left.
    }
  }
  listeners.forEach((l) => l());
}

/** The language this browser starts in. */
export function startingLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // No storage: the browser's languages decide.
  }
  return chooseLanguage(stored, navigator.languages ?? [navigator.language]);
}

/** The current language, re-rendering the component (the app's root, so every page) when it changes. */
export function useLanguage(): Language {
  const [, rerender] = useState(0);
  useEffect(() => {
    const changed = () => rerender((n) => n + 1);
    listeners.add(changed);
    return () => void listeners.delete(changed);
  }, []);
  return current;
}

/** Values for a message's {placeholders}; numbers are written the reader's way, and `count` picks the plural form. */
export type Params = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
function cached<T>(map: Map<string, T>, make: (loc: string) => T): T {
  const loc = locale();
  if (!map.has(loc)) map.set(loc, make(loc));
  return map.get(loc)!;
}

/** The text of a message, its plural form chosen by params.count. */
function text(key: MessageKey, params: Params): string {
  const m = messages[key] ?? en[key];
  if (typeof m === 'string') return m;
  const form = cached(pluralRules, (loc) => new Intl.PluralRules(loc)).select(Number(params.count ?? 0));
  return (m as Record<string, string>)[form] ?? m.other;
}

const show = (v: string | number) => (typeof v === 'number' ? cached(numberFormats, (loc) => new Intl.NumberFormat(loc)).format(v) : v);

/** A message in the reader's language: t('referrals.count', { count: 3 }) reads "3 referrals". */
export function t(key: MessageKey, params: Params = {}): string {
  return text(key, params).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? show(params[name]) : whole));
}

/** A message with elements in it (a link, a bold name): each {placeholder} is replaced by the node given for it. */
export function tx(key: MessageKey, params: Record<string, ComponentChildren> & { count?: number } = {}): ComponentChildren[] {
  return text(key, params as Params).split(/\{(\w+)\}/).map((part, i) => {
    if (i % 2 === 0) return part;
    const v = params[part];
    return typeof v === 'number' ? show(v) : (v ?? `{${part}}`);
  });
}

/** How an API word (a status, a stage, a role) reads: its message under "word.", else the word made readable. */
export function apiWord(word: string): string | undefined {
  const m = (messages as Record<string, unknown>)[`word.${word}`] ?? (en as Record<string, unknown>)[`word.${word}`];
  return typeof m === 'string' ? m : undefined;
}
