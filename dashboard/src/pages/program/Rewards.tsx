// The console's reward rules: what partners earn, in the words they read, with adding and retiring rules.
import { api } from '../../api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { RewardRules } from '../../components/RewardRules';

export default function Rewards({ id: programId }: PageProps) {
  const partners = useResource(() => api.programPartners(programId), programId);
  return (
    <main class="page" id="main">
      <RewardRules programId={programId} partners={partners.data ?? []} />
    </main>
  );
}
