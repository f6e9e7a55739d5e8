import { actionArg as arg, type TurnRequest } from '../turn-request';

export { arg };

/** An argument from the card action, else the entity of the message. */
export const argOr = (r: TurnRequest, key: string, entity: string | undefined): string | undefined => arg(r, key) ?? entity;
