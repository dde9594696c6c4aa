// The program console: the program's partners, how active they are and what they are owed, and their payouts.
import { api } from '../api';
import { useResource } from '../useResource';
import { Loadable } from '../components/Loadable';
import { PartnersTable } from '../components/PartnersTable';
import { PayoutsConsole } from '../components/PayoutsConsole';
import { RewardRules } from '../components/RewardRules';

export function ProgramHome({ programId }: { programId: string }) {
  const partners = useResource(() => api.programPartners(programId), programId);
  return (
    <main class="page" id="main">
      <section aria-labelledby="partners-title" class="panel">
        <h2 id="partners-title">Partners</h2>
        <Loadable resource={partners} what="partners">
          {(list) => <PartnersTable partners={list} />}
        </Loadable>
      </section>
      <PayoutsConsole programId={programId} />
      <RewardRules programId={programId} partners={partners.data ?? []} />
    </main>
  );
}
