// Visitor classification remembered per user agent: parsing one costs tens of microseconds, and real traffic
// repeats a few thousand agents over and over.
import { classifyVisitor, type VisitorClass } from '../domain/clicks';

const MAX_ENTRIES = 5_000;
const classes = new Map<string, VisitorClass>();

export function visitorClass(method: string, userAgent: string | null): VisitorClass {
  if (method === 'HEAD' || !userAgent) return classifyVisitor(method, userAgent);
  let c = classes.get(userAgent);
  if (!c) {
    c = classifyVisitor(method, userAgent);
    if (classes.size >= MAX_ENTRIES) classes.delete(classes.keys().next().value!);
    classes.set(userAgent, c);
  }
  return c;
}
