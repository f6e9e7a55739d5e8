import { fileNamePart, reportFileName } from '../../src/reports/report-files';

describe('report file names (what the bot will call the files it sends)', () => {
  const finance = { id: 'ws-finance', name: 'Finance' };

  it('names a proof of delivery after its scope and period, in the chosen language', () => {
    const base = { report: 'delivery', format: 'xlsx', scope: finance, since: '2025-11-23', until: '2026-11-22', today: '2026-11-22' } as const;
    expect(reportFileName({ ...base, locale: 'en' })).toBe('proof-of-delivery_finance_2025-11-23_2026-11-22.xlsx');
    expect(reportFileName({ ...base, locale: 'it' })).toBe('prova-di-consegna_finance_2025-11-23_2026-11-22.xlsx');
    expect(reportFileName({ ...base, locale: 'en', format: 'csv', scope: { id: 'all' } })).toBe('proof-of-delivery_all-workspaces_2025-11-23_2026-11-22.csv');
    expect(reportFileName({ ...base, locale: 'it', scope: { id: 'all' } })).toBe('prova-di-consegna_tutte-le-aree_2025-11-23_2026-11-22.xlsx');
  });

  it('names a training report after its workspace and the day it was made', () => {
    const base = { report: 'training', format: 'xlsx', scope: { id: 'ws-default', name: 'Contoso Italia' }, today: '2026-11-22' } as const;
    expect(reportFileName({ ...base, locale: 'en' })).toBe('training-report_contoso-italia_2026-11-22.xlsx');
    expect(reportFileName({ ...base, locale: 'it', format: 'csv' })).toBe('report-formazione_contoso-italia_2026-11-22.csv');
    expect(reportFileName({ ...base, locale: 'en', scope: { id: 'all' } })).toBe('training-report_all-workspaces_2026-11-22.xlsx');
  });

  it('keeps workspace names safe on every file system: ASCII, no separators, never empty', () => {
    expect(fileNamePart('Attività & Qualità / R&D: "Nord"')).toBe('attivita-qualita-r-d-nord');
    expect(fileNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNamePart('x'.repeat(200))).toHaveLength(60);
    expect(reportFileName({ report: 'training', format: 'csv', locale: 'en', scope: { id: 'ws-7', name: '東京' }, today: '2026-11-22' })).toBe(
      'training-report_ws-7_2026-11-22.csv',
    );
  });
});
