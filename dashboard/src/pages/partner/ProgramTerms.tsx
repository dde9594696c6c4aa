// The program's terms for this partner: the written terms to accept, and the rules in plain words generated from the
// reward rules that are paid.
import type { PageProps } from '../../routes';
import { ProgramTerms } from '../../components/ProgramTerms';
import { WrittenTerms } from '../../components/WrittenTerms';

export default function ProgramTermsPage({ id: partnerId }: PageProps) {
  return (
    <main class="page" id="main">
      <WrittenTerms partnerId={partnerId} />
      <ProgramTerms partnerId={partnerId} />
    </main>
  );
}
