// The console's reward rules: what partners earn, in the words they read, with adding and retiring rules.
import type { PageProps } from '../../routes';
import { RewardRules } from '../../components/RewardRules';

export default function Rewards({ id: programId }: PageProps) {
  return (
    <main class="page" id="main">
      <RewardRules programId={programId} />
    </main>
  );
}
