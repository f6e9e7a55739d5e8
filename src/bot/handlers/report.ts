import type { ReportName } from '../../reports/report-files';
import { queryContextOf, type Handler, type TurnRequest } from '../turn-request';

// "report di consegna del terzo trimestre", "proof of delivery since July in csv", "esporta il
// report di formazione dell'area HR": the report flow checks, offers and, on Allow, uploads.

const offer = (report: ReportName) => (r: TurnRequest) => {
  const { format, since, until } = r.nlu.entities;
  return r.reports.offer({
    org: r.org,
    user: r.user,
    locale: r.locale,
    today: r.today,
    personal: r.conversation.kind === 'personal',
    origin: r.origin.reference,
    fromCard: r.origin.cardActivityId !== undefined,
    request: {
      report,
      format: format ?? 'xlsx',
      locale: r.locale,
      workspace: queryContextOf(r).workspace,
      // the training report has no period: it holds every record of its workspaces
      ...(report === 'delivery' ? { since, until } : {}),
    },
  });
};

export const deliveryReport: Handler = offer('delivery');
export const trainingReport: Handler = offer('training');
