import { randomUUID } from 'node:crypto';
import { TINY_USER } from './tiny-dataset';

/** A message as Teams posts it to the bot's messaging endpoint (personal chat). */
export function teamsMessage(serviceUrl: string, text: string, overrides: Record<string, unknown> = {}) {
  const id = `1732${Math.floor(Math.random() * 1e9)}`;
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:1${randomUUID()}`, name: TINY_USER.displayName, aadObjectId: TINY_USER.aadObjectId },
    recipient: { id: '28:bot-app-id', name: 'Activity Bot' },
    conversation: {
      id: `a:1${randomUUID().replace(/-/g, '')}`,
      conversationType: 'personal',
      tenantId: '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b',
    },
    channelData: { tenant: { id: '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b' } },
    locale: 'en-US',
    text,
    textFormat: 'plain',
    ...overrides,
  };
}

/** The sample organization's tenant, and Mario Rossi (an admin there) in his personal chat with the bot. */
export const SAMPLE_TENANT = '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69';
export const MARIO = { id: '29:mario', name: 'Mario Rossi', aadObjectId: '69f92ac1-7e16-5725-bfb4-f1448d5f8db4' };
export const MARIO_CHAT = { id: 'a:mario-personal', conversationType: 'personal', tenantId: SAMPLE_TENANT };

/** A message from Mario in his personal chat on the sample organization, as Teams posts it. */
export const fromMario = (serviceUrl: string, text: string) =>
  teamsMessage(serviceUrl, text, { from: MARIO, conversation: MARIO_CHAT, channelData: { tenant: { id: SAMPLE_TENANT } } });

export async function postActivity(
  botUrl: string,
  activity: object,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}
