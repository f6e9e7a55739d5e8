import { z } from 'zod';
import { CATEGORY_IDS, ROLE_IDS, UNITS } from './vocabulary';

// The dataset records of dataset.md. Field names are fixed: other tools read these files.
// Extra fields are allowed (zod strips them); types are inferred from the schemas.

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a calendar date');

/** A date, or a date-time whose date part is a calendar date (timestamps of cases and training). */
export const isoDateOrDateTime = z.union([isoDate, z.iso.datetime({ offset: true })]);

const id = z.string().min(1);
const email = z.string().min(3).regex(/^[^@\s]+@[^@\s]+$/, 'expected an e-mail address');
const person = z.object({ name: z.string().min(1), email });

export const organizationSchema = z.object({ id, name: z.string().min(1), tenantId: z.string().min(1) });

export const userSchema = z.object({
  id,
  email,
  displayName: z.string().min(1),
  aadObjectId: z.string().min(1).optional(),
  accountType: z.enum(['work', 'personal']),
  customerAdmin: z.boolean(),
});

export const contractSchema = z.object({
  id,
  number: z.string().min(1),
  type: z.enum(['Unified', 'Premier']),
  startDate: isoDate,
  endDate: isoDate,
  servicesAdministratorId: id,
  supportContactIds: z.array(id),
  csam: person,
  accountCoordinator: person.optional(),
});

export const workspaceSchema = z.object({
  id,
  name: z.string().min(1),
  isDefault: z.boolean(),
  contractIds: z.array(id),
  accountPolicy: z.enum(['work-only', 'personal-only', 'work-and-personal']),
  adminIds: z.array(id),
});

export const membershipSchema = z.object({
  workspaceId: id,
  userId: id,
  roles: z.array(z.enum(ROLE_IDS)),
  status: z.enum(['active', 'invited']),
});

export const groupSchema = z.object({ id, workspaceId: id, name: z.string().min(1), memberIds: z.array(id) });

export const packageSchema = z.object({
  id,
  contractId: id,
  name: z.string().min(1),
  kind: z.enum(['enterprise', 'addon']),
  status: z.enum(['active', 'inactive']),
  startDate: isoDate,
  endDate: isoDate,
});

const entitlementBase = {
  id,
  packageId: id,
  name: z.string().min(1),
  category: z.enum(CATEGORY_IDS),
  unit: z.enum(UNITS),
  description: z.string().optional(),
  actionUrl: z.string().url().optional(),
};
export const entitlementSchema = z.discriminatedUnion('kind', [
  z.object({ ...entitlementBase, kind: z.literal('consumption'), purchased: z.number().finite() }),
  z.object({ ...entitlementBase, kind: z.literal('benefit'), purchased: z.number().finite().optional() }),
]);

export const consumptionSchema = z.object({
  id,
  entitlementId: id,
  date: isoDate,
  quantity: z.number().finite(),
  description: z.string().optional(),
  caseId: id.optional(),
  deliveredBy: z.string().optional(),
});

export const caseSchema = z.object({
  id,
  workspaceId: id,
  title: z.string().min(1),
  type: z.enum(['problem-resolution', 'advisory']),
  severity: z.string().min(1),
  status: z.enum(['open', 'closed']),
  createdAt: isoDateOrDateTime,
  primaryContactId: id,
  sharedWithIds: z.array(id),
  groupIds: z.array(id),
  // rule 9: these may be absent or unknown; that is what makes an additional case.
  contractId: z.string().optional(),
  packageId: z.string().optional(),
  service: z.string().optional(),
  classification: z.enum(['SU', 'DSA', 'X85', 'REC']).optional(),
});

export const trainingSchema = z.object({
  id,
  workspaceId: id,
  userId: id,
  course: z.string().min(1),
  hours: z.number().finite().nonnegative(),
  completedAt: isoDateOrDateTime.optional(),
});

export type Organization = z.infer<typeof organizationSchema>;
export type User = z.infer<typeof userSchema>;
export type Contract = z.infer<typeof contractSchema>;
export type Workspace = z.infer<typeof workspaceSchema>;
export type Membership = z.infer<typeof membershipSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Package = z.infer<typeof packageSchema>;
export type Entitlement = z.infer<typeof entitlementSchema>;
export type ConsumptionRecord = z.infer<typeof consumptionSchema>;
export type SupportCase = z.infer<typeof caseSchema>;
export type TrainingRecord = z.infer<typeof trainingSchema>;

/** One organization, as the data sources deliver it after validation. */
export interface Dataset {
  organization: Organization;
  users: User[];
  contracts: Contract[];
  workspaces: Workspace[];
  memberships: Membership[];
  groups: Group[];
  packages: Package[];
  entitlements: Entitlement[];
  consumption: ConsumptionRecord[];
  cases: SupportCase[];
  training: TrainingRecord[];
}
