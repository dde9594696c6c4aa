// An invitation form's error region: the API's message and, for a 400, one line per field problem.
import type { FieldProblem } from '../api';
import { t, type MessageKey } from '../i18n';

// The API names fields as in its JSON; people know them by their labels.
const LABELS: Record<string, MessageKey> = {
  code: 'invitation.code',
  name: 'common.name',
  campaign: 'invitation.campaign',
  memberId: 'invitation.owner',
  destinationUrl: 'invitation.destination',
  customerName: 'common.company',
  contactEmails: 'lead.contactEmails',
  valueMinor: 'referral.value',
  contractDate: 'referral.contractDate',
};

/** The field problems as people read them, e.g. "Destination URL: allowed origins: …". */
export function problemLines(problems: FieldProblem[]): string[] {
  return problems.map((p) => (p.path ? `${LABELS[p.path] ? t(LABELS[p.path]) : p.path}: ${p.message}` : p.message));
}

export function FormProblems({ error, problems }: { error: string; problems: FieldProblem[] }) {
  const lines = problemLines(problems);
  // A validation message only restates its first problem; a rule's message ("must be on the program's sites") adds to it.
  const restated = problems.some((p) => error.startsWith(`${p.path || 'input'}: ${p.message}`));
  return (
    <div class="form-error" role="alert">
      {error && !(restated && lines.length > 0) && <p>{error}</p>}
      {lines.length > 0 && <ul>{lines.map((l) => <li key={l}>{l}</li>)}</ul>}
    </div>
  );
}

/** The API's message about one field (or an item of it, e.g. "eventTypes.2"), to show next to that field. */
export function problemAt(problems: FieldProblem[], field: string): string | undefined {
  return problems.find((p) => p.path === field || p.path.startsWith(`${field}.`))?.message;
}
