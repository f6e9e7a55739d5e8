import { contractsCard } from '../../cards/people-cards';
import { contractsQuery } from '../../queries/contracts';
import { cardContextOf, queryContextOf, type SnapshotHandler } from '../turn-request';

export const listContracts: SnapshotHandler = (r) => [{ card: contractsCard(cardContextOf(r), contractsQuery(queryContextOf(r))) }];
