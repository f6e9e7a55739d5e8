import { contractsCard } from '../../cards/people-cards';
import { contractsQuery } from '../../queries/contracts';
import { cardContextOf, queryContextOf, type Handler } from '../turn-request';

export const listContracts: Handler = (r) => [{ card: contractsCard(cardContextOf(r), contractsQuery(queryContextOf(r))) }];
