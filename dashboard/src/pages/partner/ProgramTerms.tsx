// The program's terms for this partner, in plain words generated from the reward rules that are paid.
import type { PageProps } from '../../routes';
import { ProgramTerms } from '../../components/ProgramTerms';

export default function ProgramTermsPage({ id: partnerId }: PageProps) {
  return (
    <main class="page" id="main">
      <ProgramTerms partnerId={partnerId} />
    </main>
  );
}
