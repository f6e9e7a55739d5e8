import { contractsCard } from '../../cards/people-cards';
import { contractsQuery } from '../../queries/contracts';
import { cardContextOf, queryContextOf, type SnapshotHandler } from '../turn-request';
import { argOr } from './action-args';
import { defined } from './flags-from-entities';

export const listContracts: SnapshotHandler = (r) => {
  const flags = defined({ contract: argOr(r, 'contract', r.nlu.entities.contract) });
  return [{ card: contractsCard(cardContextOf(r), contractsQuery(queryContextOf(r), flags)) }];
};
