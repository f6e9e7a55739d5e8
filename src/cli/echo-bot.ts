import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

// The yardstick of bench:turns: a bare Bot Framework bot as the botbuilder samples write it
// (CloudAdapter, ActivityHandler, restify), replying with the text it got. Same authentication mode
// as the bench runs the bot in: an empty app id, so no token is checked or sent.
// PORT (default 3979), HOST (default 127.0.0.1); GET /readyz answers 200 once it listens.

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }
}

function main(): void {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }));
  adapter.onTurnError = async (context, error) => {
    process.stderr.write(`echo bot: turn failed: ${error.message}\n`);
    await context.sendActivity('echo bot: the turn failed');
  };
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/readyz', (_req, res, next) => {
    res.send(200, { status: 'ready' });
    next();
  });
  const port = Number(process.env.PORT ?? 3979);
  const host = process.env.HOST ?? '127.0.0.1';
  server.listen(port, host, () => {
    process.stdout.write(`echo bot listening on http://${host}:${port}\n`);
  });
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
  });
}

main();
