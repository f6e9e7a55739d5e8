import { createHash } from 'node:crypto';
import type { Dataset, User } from '../domain/records';

// Who is in the Agents Playground: the organization's users that show each access rule of
// domain.md, written as the Playground's config file (.m365agentsplayground.yml, format 0.1.1).
// Only the current user talks to the bot (the Playground sends every message as that user);
// the other five are the roster of the group chat and the team (TeamsInfo.getMember & co.).

/** The Playground's config wants the current user plus exactly five others. */
export const PLAYGROUND_OTHER_USERS = 5;

/** Fixed conversation ids, so that scripts can drive the Playground's REST API. */
export const PLAYGROUND_CONVERSATIONS = {
  groupChat: '19:activity-bot-group-chat@thread.v2',
  team: '19:activity-bot-team@thread.tacv2',
  channel: '19:activity-bot-renewals@thread.tacv2',
} as const;

/** As in Teams, each user has a personal chat of their own with the bot (and its own state). */
export const personalChatId = (userId: string): string => `a:activity-bot-personal-${userId}`;

export const PLAYGROUND_BOT = { id: '28:activity-bot', name: 'Activity Bot' } as const;

export interface PlaygroundUser {
  user: User;
  /** Why this user is here, e.g. "workspace admin of Finance". */
  role: string;
}

interface Profile {
  role: (u: User) => string | undefined;
}

/** The access situations worth trying, in the order they are filled. */
function profiles(dataset: Dataset): Profile[] {
  const workspaceName = new Map(dataset.workspaces.map((w) => [w.id, w.name]));
  const active = dataset.memberships.filter((m) => m.status === 'active');
  const activeOf = (u: User) => active.filter((m) => m.userId === u.id);
  const adminOf = (u: User) =>
    dataset.workspaces.filter((w) => w.adminIds.includes(u.id) && activeOf(u).some((m) => m.workspaceId === w.id)); // rule 1
  const named = (ids: string[]) => ids.map((id) => workspaceName.get(id) ?? id).join(', ');
  const plain = (u: User) => !u.customerAdmin && adminOf(u).length === 0;
  return [
    { role: (u) => (u.customerAdmin ? 'customer admin' : undefined) },
    { role: (u) => (!u.customerAdmin && adminOf(u).length > 0 ? `workspace admin of ${named(adminOf(u).map((w) => w.id))}` : undefined) },
    {
      role: (u) => {
        const where = activeOf(u).filter((m) => m.roles.includes('customer-activity'));
        return plain(u) && where.length > 0 ? `customer-activity role in ${named(where.map((m) => m.workspaceId))}` : undefined;
      },
    },
    {
      role: (u) => {
        const memberships = activeOf(u);
        return plain(u) && memberships.length > 0 && memberships.every((m) => m.roles.length === 0)
          ? `member of ${named(memberships.map((m) => m.workspaceId))} without roles`
          : undefined;
      },
    },
    { role: (u) => (u.accountType === 'personal' ? 'personal account' : undefined) },
    { role: (u) => (!u.customerAdmin && activeOf(u).length === 0 ? 'member of no workspace' : undefined) },
  ];
}

/** The first access situation the user shows, with its index in profiles(), or a plain description. */
function describeUser(dataset: Dataset, user: User): { role: string; profile?: number } {
  const all = profiles(dataset);
  for (const [index, profile] of all.entries()) {
    const role = profile.role(user);
    if (role) return { role, profile: index };
  }
  const roles = [...new Set(dataset.memberships.filter((m) => m.userId === user.id && m.status === 'active').flatMap((m) => m.roles))];
  return { role: roles.length > 0 ? `member with ${roles.join(', ')}` : 'invited, not yet a member' };
}

/**
 * The current user (`asEmail`, else the first customer admin) and five others, one per access
 * situation the current user does not already show, then the remaining users in file order.
 */
export function choosePlaygroundUsers(dataset: Dataset, asEmail?: string): { current: PlaygroundUser; others: PlaygroundUser[] } {
  const needed = PLAYGROUND_OTHER_USERS + 1;
  if (dataset.users.length < needed) {
    throw new Error(`the Agents Playground needs ${needed} users (the current one and exactly ${PLAYGROUND_OTHER_USERS} others); the data has ${dataset.users.length}`);
  }
  const chosen: PlaygroundUser[] = [];
  const isChosen = (u: User) => chosen.some((c) => c.user.id === u.id);
  let covered: number | undefined;

  if (asEmail !== undefined) {
    const wanted = asEmail.trim().toLowerCase();
    const user = dataset.users.find((u) => u.email.toLowerCase() === wanted);
    if (!user) throw new Error(`--as ${asEmail}: no user of the organization has that e-mail`);
    const { role, profile } = describeUser(dataset, user);
    chosen.push({ user, role });
    covered = profile;
  }
  for (const [index, profile] of profiles(dataset).entries()) {
    if (chosen.length === needed) break;
    if (index === covered) continue;
    for (const user of dataset.users) {
      const role = isChosen(user) ? undefined : profile.role(user);
      if (role) {
        chosen.push({ user, role });
        break;
      }
    }
  }
  for (const user of dataset.users) {
    if (chosen.length === needed) break;
    if (!isChosen(user)) chosen.push({ user, role: describeUser(dataset, user).role });
  }
  const [current, ...others] = chosen;
  return { current: current!, others };
}

/**
 * Teams always sends an aadObjectId, and the Playground drops a message whose sender has an empty
 * one; for a user the data knows by e-mail only, a stable GUID the data does not know makes the
 * bot take the same path as in Teams: look the e-mail up (TeamsInfo.getMember).
 */
export function stableObjectId(email: string): string {
  const hash = createHash('sha1').update(`activity-bot-playground:${email.toLowerCase()}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50; // version 5 (name-based)
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function playgroundAccount(user: User) {
  const [givenName = user.displayName, ...rest] = user.displayName.split(' ');
  return {
    id: `29:${user.id}`,
    name: user.displayName,
    userPrincipleName: user.email, // sic: the Playground's field name
    aadObjectId: user.aadObjectId ?? stableObjectId(user.email),
    givenName,
    surname: rest.join(' '),
    email: user.email,
  };
}

/** The Playground's config file content (JSON is valid YAML). */
export function playgroundConfig(dataset: Dataset, chosen: { current: PlaygroundUser; others: PlaygroundUser[] }): object {
  const org = dataset.organization;
  return {
    version: '0.1.1',
    tenantId: org.tenantId,
    bot: { ...PLAYGROUND_BOT },
    currentUser: playgroundAccount(chosen.current.user),
    users: chosen.others.map((o) => playgroundAccount(o.user)),
    personalChat: { id: personalChatId(chosen.current.user.id) },
    groupChat: { id: PLAYGROUND_CONVERSATIONS.groupChat, name: `${org.name} - support contracts`.slice(0, 256) },
    team: {
      id: PLAYGROUND_CONVERSATIONS.team,
      name: org.name.slice(0, 256),
      aadGroupId: stableObjectId(`team:${org.id}`),
      channels: [{ id: PLAYGROUND_CONVERSATIONS.channel, name: 'Contract renewals' }],
    },
  };
}
