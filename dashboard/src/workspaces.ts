// What a signed-in account can look at: the partners it is a member of and the programs it staffs, with its role in each.
import type { Session } from '../../shared/schemas/session';

export type Workspace =
  | { kind: 'partner'; key: string; id: string; name: string; displayId: string; role: string }
  | { kind: 'program'; key: string; id: string; name: string; role: string };

export function workspacesOf(session: Session): Workspace[] {
  return [
    ...session.partners.map((p): Workspace => ({ kind: 'partner', key: `partner:${p.id}`, id: p.id, name: p.name, displayId: p.displayId, role: p.role })),
    ...session.programs.map((p): Workspace => ({ kind: 'program', key: `program:${p.id}`, id: p.id, name: p.name, role: p.role })),
  ];
}
