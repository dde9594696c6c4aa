// Text put into HTML that is built as a string (emails, the unsubscribe page, the local mailbox): every character
// that could open a tag or end an attribute is escaped.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
