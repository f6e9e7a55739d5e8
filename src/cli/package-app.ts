import path from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { readEnvironment } from '../server/env-file';
import { AppPackageError, buildAppPackage } from './app-package-build';

// `npm run package:app`: appPackage/ → appPackage/build/app.zip, ready to upload to Teams.

const ROOT = path.resolve(__dirname, '..', '..');

const HELP = `Usage: npm run package:app -- [--out FILE] [--dotenv FILE]

Builds the Teams app package from appPackage/ (manifest.json, it.json, color.png, outline.png):
fills the bot id, validates the manifest and its translations against the official Teams JSON
schemas shipped in @microsoft/app-manifest (offline), checks the icons, and writes a zip with
those files at its root. Prints the path of the zip.

  --out FILE       where to write the zip (default: appPackage/build/app.zip)
  --dotenv FILE    the .env file to read (default: .env; the environment wins over it)
  --help           this text

Variables (environment or .env):
  MicrosoftAppId   required: the bot's Microsoft Entra app id (a GUID), put in bots[0].botId.
                   There is no empty-id mode: Teams refuses a bot without an id, and the local
                   Agents Playground (npm run playground) needs no app package at all.
  TEAMS_APP_ID     optional GUID replacing the manifest's app "id", e.g. to install a test and a
                   production package side by side in one tenant.

Exit status: 0 written, 1 invalid package or settings (every problem is listed), 2 bad usage.
`;

async function main(argv: string[]): Promise<number> {
  let values: { out?: string; dotenv?: string; help?: boolean };
  try {
    ({ values } = parseNodeArgs({
      args: argv,
      options: { out: { type: 'string' }, dotenv: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  try {
    const built = await buildAppPackage({
      sourceDir: path.join(ROOT, 'appPackage'),
      outFile: path.resolve(values.out ?? path.join(ROOT, 'appPackage', 'build', 'app.zip')),
      env: readEnvironment(process.env, values.dotenv ?? '.env'),
    });
    process.stdout.write(`${built.file}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof AppPackageError ? e.message : `Cannot build the app package: ${(e as Error).message}`}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  },
);
