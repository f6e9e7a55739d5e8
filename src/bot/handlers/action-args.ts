import type { TurnRequest } from '../turn-request';

/** A card action's argument as text; anything else (numbers, objects, missing) counts as absent. */
export const arg = (r: TurnRequest, key: string): string | undefined => {
  const v = r.action?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};

/** The workspace a card action names, else the message's, else the remembered scope. */
export const workspaceOf = (r: TurnRequest): string | undefined => arg(r, 'workspace') ?? r.nlu.entities.workspace ?? r.scope;

/** An argument from the card action, else the entity of the message. */
export const argOr = (r: TurnRequest, key: string, entity: string | undefined): string | undefined => arg(r, key) ?? entity;
