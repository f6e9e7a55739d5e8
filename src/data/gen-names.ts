// Word lists for the generator: Italian people and departments, Microsoft account teams,
// realistic package, entitlement, case and course names.
import type { CategoryId, Unit } from '../domain/vocabulary';

export const FIRST_NAMES = [
  'Alessandro', 'Alessia', 'Andrea', 'Anna', 'Antonio', 'Beatrice', 'Carlo', 'Chiara', 'Claudia', 'Daniele',
  'Davide', 'Elena', 'Emma', 'Federica', 'Federico', 'Filippo', 'Francesca', 'Francesco', 'Gabriele', 'Giorgia',
  'Giovanni', 'Giulia', 'Giuseppe', 'Ilaria', 'Laura', 'Lorenzo', 'Luca', 'Marco', 'Maria', 'Mario',
  'Martina', 'Matteo', 'Michela', 'Paola', 'Paolo', 'Riccardo', 'Roberto', 'Sara', 'Silvia', 'Simone',
  'Sofia', 'Stefano', 'Tommaso', 'Valentina', 'Valerio',
] as const;

export const LAST_NAMES = [
  'Barbieri', 'Benedetti', 'Bianchi', 'Bruno', 'Caruso', 'Colombo', 'Conti', 'Costa', 'De Luca', 'Esposito',
  'Ferrara', 'Ferrari', 'Fontana', 'Gallo', 'Giordano', 'Greco', 'Leone', 'Lombardi', 'Longo', 'Mancini',
  'Marino', 'Martini', 'Mariani', 'Moretti', 'Pellegrini', 'Rinaldi', 'Ricci', 'Romano', 'Rossi', 'Russo',
  'Santoro', 'Serra', 'Testa', 'Vitale', 'Verdi', 'Villa',
] as const;

export const COMPANIES = [
  { name: 'Contoso Italia S.p.A.', domain: 'contoso.com' },
  { name: 'Fabrikam Italia S.r.l.', domain: 'fabrikam.com' },
  { name: 'Northwind Traders Italia S.p.A.', domain: 'northwindtraders.com' },
  { name: 'Tailspin Toys Italia S.r.l.', domain: 'tailspintoys.com' },
  { name: 'Woodgrove Bank Italia S.p.A.', domain: 'woodgrovebank.com' },
] as const;

export const PERSONAL_DOMAINS = ['outlook.com', 'outlook.it', 'hotmail.it', 'live.it'] as const;

export const DEPARTMENTS = [
  'Finance', 'Sales', 'HR', 'IT', 'Marketing', 'Legal', 'Operations', 'Procurement', 'R&D', 'Logistics',
  'Customer Care', 'Security', 'Data Platform', 'Manufacturing', 'Compliance', 'Facilities',
] as const;

export const CITIES = ['Milano', 'Roma', 'Torino', 'Bologna', 'Napoli', 'Firenze', 'Padova', 'Bari', 'Genova', 'Verona'] as const;

export const GROUP_NAMES = ['Team di supporto', 'Referenti IT', 'Controlling', 'Service Desk', 'Progetto Cloud', 'Sicurezza'] as const;

export const MICROSOFT_PEOPLE = [
  'Marta Galli', 'Pietro Costa', 'Irene Sala', 'Nicola Ferri', 'Elisa Fabbri', 'Giorgio Neri', 'Camilla Rizzo',
  'Fabio Marchetti', 'Serena Bassi', 'Enrico Pagano',
] as const;

export const ADDON_NAMES = [
  'Azure Advanced Support', 'Dynamics 365 Advanced', 'Security Workshop Pack', 'Modern Work Add-on',
  'Developer Support', 'Learning Add-on', 'Mission Critical Services', 'Onboarding Pack', 'Data & AI Accelerator',
] as const;

/** Units each category is sold in; the first is the usual one. */
export const CATEGORY_UNITS: Readonly<Record<CategoryId, readonly Unit[]>> = {
  'proactive-credits': ['credits'],
  workshops: ['count'],
  dse: ['hours'],
  'proactive-services': ['hours', 'credits'],
  'reactive-support': ['hours'],
  'advisory-support': ['hours'],
  'on-demand-education': ['seats', 'count'],
  'support-contacts': ['count', 'seats'],
  'on-demand-assessments': ['count'],
};

export const ENTITLEMENT_NAMES: Readonly<Record<CategoryId, string>> = {
  'proactive-credits': 'Proactive credits',
  workshops: 'Workshops',
  dse: 'Designated Support Engineer',
  'proactive-services': 'Proactive services',
  'reactive-support': 'Problem resolution support',
  'advisory-support': 'Advisory support',
  'on-demand-education': 'On-demand education',
  'support-contacts': 'Named support contacts',
  'on-demand-assessments': 'On-demand assessments',
};

export const BENEFITS = [
  { name: 'Services Hub access', category: 'support-contacts', unit: 'count', url: 'https://serviceshub.microsoft.com/' },
  { name: 'Microsoft Learn Enterprise Skills', category: 'on-demand-education', unit: 'seats', url: 'https://learn.microsoft.com/training/' },
  { name: 'Assessment program', category: 'on-demand-assessments', unit: 'count', url: 'https://serviceshub.microsoft.com/assessments' },
] as const;

export const DELIVERY_NOTES: Readonly<Record<CategoryId, readonly string[]>> = {
  'proactive-credits': ['Azure Security Assessment', 'Proactive Monitoring', 'Exchange Online health check', 'Windows Server hardening'],
  workshops: ['Workshop: Azure Landing Zone', 'Workshop: Microsoft 365 Copilot readiness', 'Workshop: Zero Trust'],
  dse: ['DSE monthly review', 'DSE service review', 'DSE remediation planning'],
  'proactive-services': ['Health check delivery', 'Knowledge transfer session', 'Remediation support'],
  'reactive-support': ['Incident troubleshooting', 'Root cause analysis', 'Critical situation support'],
  'advisory-support': ['Architecture advisory', 'Migration advice', 'Best practice review'],
  'on-demand-education': ['Course seat assigned', 'Learning path enrolment'],
  'support-contacts': ['Named contact added', 'Named contact renewed'],
  'on-demand-assessments': ['Assessment activated', 'Assessment re-run'],
};

export const PROBLEM_TITLES = [
  'Sincronizzazione Azure AD Connect interrotta', 'Errori di autenticazione su Exchange Online', 'Lentezza di SQL Server in produzione',
  'Teams: riunioni che cadono', 'Errore di distribuzione su Azure Kubernetes Service', 'Backup Azure non riuscito',
  'SharePoint: permessi non applicati', 'Intune: criteri non distribuiti',
] as const;

export const ADVISORY_TITLES = [
  'Consulenza migrazione a Exchange Online', 'Revisione architettura Azure', 'Pianificazione adozione Copilot',
  'Strategia di disaster recovery', 'Valutazione licenze Microsoft 365',
] as const;

export const COURSES = [
  'AZ-900: Microsoft Azure Fundamentals', 'AZ-104: Azure Administrator', 'MS-102: Microsoft 365 Administrator',
  'SC-900: Security, Compliance and Identity Fundamentals', 'PL-300: Power BI Data Analyst', 'Teams Administration',
  'Copilot for Microsoft 365 Adoption', 'Dynamics 365 Fundamentals',
] as const;
