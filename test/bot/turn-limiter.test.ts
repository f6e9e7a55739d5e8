import { createBot } from '../../src/bot/create-bot';
import { LocalConversation } from '../../src/bot/local-conversation';
import { TurnLimiter } from '../../src/bot/turn-limiter';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';

describe('per-user turn limit', () => {
  it('lets a person through, warns once when they pass the limit, then drops until the minute has passed', () => {
    let now = 0;
    const limiter = new TurnLimiter(3, () => now);
    expect(['a', 'a', 'a'].map((u) => limiter.take(u))).toEqual(['go', 'go', 'go']);
    expect(limiter.take('a')).toBe('slow-down');
    expect(limiter.take('a')).toBe('drop');
    expect(limiter.take('b')).toBe('go');
    now = 60_001;
    expect(limiter.take('a')).toBe('go');
  });

  it('forgets the users seen least recently beyond its bound', () => {
    const limiter = new TurnLimiter(1, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // 'a' is forgotten
    expect(limiter.take('a')).toBe('go');
    expect(limiter.take('c')).toBe('slow-down');
  });
});

describe('a person sending faster than anyone types', () => {
  it('gets one friendly reply in their language, then nothing, and no answers', async () => {
    const org = await sampleOrg();
    const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const bot = createBot({ org: () => org, storage: new MemoryStorage(), today: () => SAMPLE_TODAY, logger: silent, turnsPerMinute: 3 }, () =>
      Promise.resolve('mario.rossi@contoso.com'),
    );
    const chat = new LocalConversation(bot, { user: org.userByEmail('mario.rossi@contoso.com')!, locale: 'it-IT' });
    const replies: unknown[][] = [];
    for (let i = 0; i < 6; i += 1) replies.push(await chat.send('riepilogo'));
    expect(replies.map((r) => r.length)).toEqual([1, 1, 1, 1, 0, 0]);
    expect((replies[3]?.[0] as { text?: string } | undefined)?.text).toContain('Stai inviando messaggi più velocemente di quanto riesca a rispondere');
  });
});
