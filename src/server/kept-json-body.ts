import type { ConnectorClient } from 'botframework-connector';
import { toJsonBytes } from '../bot/frozen';

// The body of a send that carries an activity (a reply, a proactive message, an update), made
// ahead of the connector client's serialization policy, which would cost a tenth of a turn:
// - its mapper serializer walks all 42 properties of the Activity model on every send, and only
//   copies what is there under the same names (botframework-connector's models rename nothing and
//   set no default or constraint: test/server/kept-json-body.test.ts holds them to it);
// - then JSON.stringify runs over the whole activity, a kept answer's 10 KB card included, and
//   the HTTP client encodes that text twice (to measure it, to send it), where toJsonBytes keeps
//   the bytes of a frozen card (bot/frozen.ts).
// The bytes are handed on as a Stream body, which the policy sends untouched; the Content-Type
// stays the client's (JSON).

type SendOperation = ConnectorClient['sendOperationRequest'];
type OperationArguments = Parameters<SendOperation>[0];
type OperationSpec = Parameters<SendOperation>[1];

const BYTES_BODY = { type: { name: 'Stream' as const }, required: true };

/** The operation with its activity already JSON, or as it is when it sends no activity. */
export function withJsonBodyMade(args: OperationArguments, spec: OperationSpec): [OperationArguments, OperationSpec] {
  const body = spec.requestBody;
  const path = body?.parameterPath;
  if (!body || typeof path !== 'string' || spec.isXML || body.mapper.type.name !== 'Composite' || body.mapper.type.className !== 'Activity') return [args, spec];
  const value: unknown = args[path];
  if (value === null || typeof value !== 'object') return [args, spec];
  const bytes = toJsonBytes(value);
  if (!bytes) return [args, spec];
  return [{ ...args, [path]: bytes }, { ...spec, requestBody: { ...body, mapper: { ...BYTES_BODY, serializedName: body.mapper.serializedName } } }];
}
