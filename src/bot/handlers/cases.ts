import { additionalCasesCard, casesCard } from '../../cards/people-cards';
import { additionalCasesQuery } from '../../queries/additional-cases';
import { casesQuery } from '../../queries/cases';
import { cardContextOf, queryContextOf, type SnapshotHandler } from '../turn-request';
import { argOr } from './action-args';
import { defined } from './flags-from-entities';

export const cases: SnapshotHandler = (r) => {
  const result = casesQuery(queryContextOf(r), defined({ status: argOr(r, 'status', r.nlu.entities.status) }));
  return [{ card: casesCard(cardContextOf(r), result) }];
};

export const additionalCases: SnapshotHandler = (r) => [
  { card: additionalCasesCard(cardContextOf(r), additionalCasesQuery(queryContextOf(r))) },
];
