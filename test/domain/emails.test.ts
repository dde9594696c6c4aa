import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../worker/domain/emails';

describe('the same mailbox', () => {
  it.each([
    ['case and spaces', ' Partner@Demo.TEST ', 'partner@demo.test'],
    ['plus-addressing', 'partner+1@demo.test', 'partner@demo.test'],
    ['plus-addressing with case', 'Partner+Spring.Sale@demo.test', 'partner@demo.test'],
    ['Gmail ignores dots', 'p.art.ner@gmail.com', 'partner@gmail.com'],
    ['googlemail is Gmail', 'P.artner+x@GoogleMail.com', 'partner@gmail.com'],
    ['other domains keep their dots', 'first.last@example.com', 'first.last@example.com'],
    ['a leading plus is part of the name', '+1@example.com', '+1@example.com'],
  ])('%s', (_, email, mailbox) => {
    expect(normalizeEmail(email)).toBe(mailbox);
  });
});
