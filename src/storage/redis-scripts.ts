import type { Cluster, Redis } from 'ioredis';

// One stored item is one Redis hash: field `eTag` (the item's eTag) and field `value` (the value
// as JSON). `HGETALL <prefix><key>` shows it as it is.
export const ETAG_FIELD = 'eTag';
export const VALUE_FIELD = 'value';

/** always: unconditional; absent: only if the key is absent; match: only if the eTag matches. */
export type WriteMode = 'always' | 'absent' | 'match';

/** Prefix of the error the script answers when a key holds something that is not a stored item. */
export const NOT_STORED_ERROR = 'NOTSTORED';

// The eTag check and the write are one script, so Redis runs them as one step: no command of any
// other client or process can come between them. It touches only KEYS[1], so it also runs on
// Redis Cluster. An unconditional write replaces whatever the key held (as the file backend does);
// a conditional one refuses to judge a key it cannot read.
// ARGV: mode, expected eTag ('' unless mode is match), new eTag, value as JSON. Answers 1 if written.
const WRITE_SCRIPT = `
local key, mode = KEYS[1], ARGV[1]
local kind = redis.call('TYPE', key)['ok']
if mode ~= 'always' then
  local current = false
  if kind == 'hash' then
    current = redis.call('HGET', key, '${ETAG_FIELD}')
    if not current then
      return redis.error_reply('${NOT_STORED_ERROR} it holds a hash without an ${ETAG_FIELD} field')
    end
  elseif kind ~= 'none' then
    return redis.error_reply('${NOT_STORED_ERROR} it holds a Redis ' .. kind .. ', not a hash')
  end
  if mode == 'absent' then
    if current then return 0 end
  elseif current ~= ARGV[2] then
    return 0
  end
end
if kind ~= 'none' then redis.call('DEL', key) end
redis.call('HSET', key, '${ETAG_FIELD}', ARGV[3], '${VALUE_FIELD}', ARGV[4])
return 1
`;

const WRITE_COMMAND = 'activityBotStorageWrite';

interface WithWriteCommand {
  [WRITE_COMMAND](key: string, mode: WriteMode, expectedETag: string, eTag: string, json: string): Promise<unknown>;
}

export type WriteScript = (key: string, mode: WriteMode, expectedETag: string, eTag: string, json: string) => Promise<boolean>;

/**
 * Teaches `client` the write script and returns a typed way to run it. ioredis sends it with
 * EVALSHA and falls back to EVAL when Redis does not know it yet (after a restart, on a new node).
 */
export function defineWriteScript(client: Redis | Cluster): WriteScript {
  client.defineCommand(WRITE_COMMAND, { numberOfKeys: 1, lua: WRITE_SCRIPT });
  const scripted = client as unknown as WithWriteCommand;
  return async (key, mode, expectedETag, eTag, json) =>
    (await scripted[WRITE_COMMAND](key, mode, expectedETag, eTag, json)) === 1;
}
