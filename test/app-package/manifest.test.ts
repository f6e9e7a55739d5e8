import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../src/cli/app-package-icons';
import { AppPackageError, buildAppPackage } from '../../src/cli/app-package-build';

// The Teams app package as Teams will see it: the official schemas of @microsoft/app-manifest
// (read from node_modules, never downloaded), the icons, the Italian translation, the zip.

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE = path.join(ROOT, 'appPackage');
const SCHEMAS = path.join(ROOT, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');
const BOT_ID = '5f0c8a1e-3b7d-4c2a-9e61-0a2b3c4d5e6f';
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Command {
  title: string;
  description?: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
  icons: { color: string; outline: string };
  bots: Array<{ botId: string; scopes: string[]; supportsFiles: boolean; isNotificationOnly: boolean; commandLists: CommandList[] }>;
}

const rawManifest = readFileSync(path.join(SOURCE, 'manifest.json'), 'utf8');
const manifest = JSON.parse(rawManifest.replace('${{BOT_ID}}', BOT_ID)) as Manifest;
const italian = JSON.parse(readFileSync(path.join(SOURCE, 'it.json'), 'utf8')) as Record<string, string>;
const bot = manifest.bots[0]!;

function officialValidator(kind: 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json') {
  const file = path.join(SCHEMAS, `v${manifest.manifestVersion}`, kind);
  // draft-04 schemas, validated as @microsoft/app-manifest does (its regexes need unicodeRegExp off)
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
}

const png = (file: string): PNG => PNG.sync.read(readFileSync(path.join(SOURCE, file)));

describe('manifest.json', () => {
  it('is valid against the official Teams schema of its manifestVersion, once the bot id is filled', () => {
    const validate = officialValidator('MicrosoftTeams.schema.json');
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('is not valid as committed: the bot id is a placeholder that package:app fills', () => {
    expect(JSON.parse(rawManifest).bots[0].botId).toBe('${{BOT_ID}}');
    const validate = officialValidator('MicrosoftTeams.schema.json');
    expect(validate(JSON.parse(rawManifest))).toBe(false);
  });

  it('offers a conversational bot that takes files in personal, team and group chat scopes', () => {
    expect(manifest.bots).toHaveLength(1);
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(true);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it('has one command list per scope, within what the Teams command menu shows', () => {
    expect(bot.commandLists.map((l) => l.scopes.join()).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeGreaterThanOrEqual(5);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description?.length ?? 0).toBeGreaterThan(0);
        expect(command.description!.length).toBeLessThanOrEqual(128);
      }
    }
    const personal = bot.commandLists.find((l) => l.scopes.includes('personal'))!.commands.map((c) => c.title);
    const team = bot.commandLists.find((l) => l.scopes.includes('team'))!.commands.map((c) => c.title);
    expect(personal).toEqual(expect.arrayContaining(['help', 'summary', 'packages', 'contracts', 'workspaces']));
    expect(team).toEqual(expect.arrayContaining(['help', 'subscribe reminders', 'reminders status', 'unsubscribe reminders']));
  });

  it('speaks English by default and Italian from it.json', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en-us');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'it-it', file: 'it.json' }]);
  });
});

describe('it.json', () => {
  it('is valid against the official Teams localization schema', () => {
    const validate = officialValidator('MicrosoftTeams.Localization.schema.json');
    expect(validate(italian) ? [] : validate.errors).toEqual([]);
  });

  it('translates the names, the descriptions and every command title and description', () => {
    expect(italian['description.short']).not.toBe((manifest as unknown as { description: { short: string } }).description.short);
    expect(italian['description.full']).toMatch(/contratti di supporto/);
    bot.commandLists.forEach((list, i) => {
      list.commands.forEach((command, j) => {
        const title = italian[`bots[0].commandLists[${i}].commands[${j}].title`];
        const description = italian[`bots[0].commandLists[${i}].commands[${j}].description`];
        expect({ command: command.title, title: title?.trim() || undefined, description: description?.trim() || undefined }).toEqual({
          command: command.title,
          title: expect.any(String),
          description: expect.any(String),
        });
        expect(title!.length).toBeLessThanOrEqual(32);
        expect(description).not.toBe(command.description);
      });
    });
  });

  it('translates only strings that exist in the manifest', () => {
    const orphans = Object.keys(italian).filter((key) => {
      const m = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/.exec(key);
      if (!m) return !['$schema', 'name.short', 'name.full', 'description.short', 'description.full'].includes(key);
      return bot.commandLists[Number(m[1])]?.commands[Number(m[2])] === undefined;
    });
    expect(orphans).toEqual([]);
  });
});

describe('icons', () => {
  it('has a 192×192 colour icon and a 32×32 outline icon', () => {
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect([png('color.png').width, png('color.png').height]).toEqual([192, 192]);
    expect([png('outline.png').width, png('outline.png').height]).toEqual([32, 32]);
  });

  it('draws the outline white on a transparent background only', () => {
    const outline = png('outline.png');
    let visible = 0;
    let transparent = 0;
    const notWhite: number[] = [];
    for (let at = 0; at < outline.data.length; at += 4) {
      if (outline.data[at + 3] === 0) transparent += 1;
      else {
        visible += 1;
        if (outline.data[at] !== 255 || outline.data[at + 1] !== 255 || outline.data[at + 2] !== 255) notWhite.push(at / 4);
      }
    }
    expect(notWhite).toEqual([]);
    expect(visible).toBeGreaterThan(50); // a drawn symbol, not an empty square
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
  });

  it('draws the colour icon in colour, not white on transparent', () => {
    const color = png('color.png');
    const colours = new Set<string>();
    for (let at = 0; at < color.data.length; at += 4) {
      if (color.data[at + 3] === 255) colours.add(`${color.data[at]},${color.data[at + 1]},${color.data[at + 2]}`);
    }
    expect(colours).toContain('15,108,189'); // the accent colour
    expect(colours).toContain('255,255,255');
  });

  it('are the images the generator draws, so they can be drawn again', () => {
    expect(drawColorIcon().data.equals(png('color.png').data)).toBe(true);
    expect(drawOutlineIcon().data.equals(png('outline.png').data)).toBe(true);
  });
});

describe('package:app', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(path.join(tmpdir(), 'app-package-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('zips the filled manifest, the translation and the icons at the root of app.zip', async () => {
    const file = path.join(out, 'nested', 'app.zip');
    const built = await buildAppPackage({ sourceDir: SOURCE, outFile: file, env: { MicrosoftAppId: BOT_ID } });
    expect(built.file).toBe(file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'it.json', 'manifest.json', 'outline.png']);
    const zipped = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    expect(zipped.bots[0]!.botId).toBe(BOT_ID);
    expect(zipped.id).toBe(manifest.id);
    expect(await zip.file('it.json')!.async('string')).toBe(readFileSync(path.join(SOURCE, 'it.json'), 'utf8'));
    expect((await zip.file('outline.png')!.async('nodebuffer')).equals(readFileSync(path.join(SOURCE, 'outline.png')))).toBe(true);
  });

  it('gives the app another id when TEAMS_APP_ID is set, and the same bytes for the same sources', async () => {
    const appId = '0d6f5a7b-1c2e-4f3a-8b9c-d0e1f2a3b4c5';
    const env = { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: appId };
    await buildAppPackage({ sourceDir: SOURCE, outFile: path.join(out, 'a.zip'), env });
    await buildAppPackage({ sourceDir: SOURCE, outFile: path.join(out, 'b.zip'), env });
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'a.zip')));
    expect((JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest).id).toBe(appId);
    expect(readFileSync(path.join(out, 'a.zip')).equals(readFileSync(path.join(out, 'b.zip')))).toBe(true);
  });

  it('lists every problem of a broken package and writes nothing', async () => {
    const broken = path.join(out, 'src');
    cpSync(SOURCE, broken, { recursive: true, filter: (f) => !f.includes(`${path.sep}build`) });
    const m = JSON.parse(readFileSync(path.join(broken, 'manifest.json'), 'utf8')) as Manifest & Record<string, unknown>;
    m.bots[0]!.commandLists[0]!.commands.push({ title: 'an eleventh command', description: 'one too many' });
    m.accentColor = 'blue';
    writeFileSync(path.join(broken, 'manifest.json'), JSON.stringify(m));
    const red = new PNG({ width: 32, height: 32 });
    red.data.fill(0);
    for (let at = 0; at < red.data.length; at += 4) [red.data[at], red.data[at + 3]] = [255, 255];
    writeFileSync(path.join(broken, 'outline.png'), PNG.sync.write(red));

    const zipFile = path.join(out, 'app.zip');
    const error = await buildAppPackage({ sourceDir: broken, outFile: zipFile, env: { MicrosoftAppId: BOT_ID } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppPackageError);
    const message = (error as AppPackageError).message;
    expect(message).toMatch(/accentColor/);
    expect(message).toMatch(/no translation for "bots\[0\]\.commandLists\[0\]\.commands\[10\]\.title"/);
    expect(message).toMatch(/11 commands; Teams shows at most 10/);
    expect(message).toMatch(/outline\.png must be white on transparent/);
    expect(message).toMatch(/outline\.png must have a transparent background/);
    expect(existsSync(zipFile)).toBe(false);
  });

  const run = promisify(execFile);
  const cli = (args: string[], env: Record<string, string>) =>
    run(TSX, ['src/cli/package-app.ts', '--dotenv', path.join(out, 'no.env'), ...args], { cwd: ROOT, env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('from the command line writes the zip where --out says and prints its path', async () => {
    const file = path.join(out, 'app.zip');
    const { code, stdout } = await cli(['--out', file], { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '' });
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(file);
    expect(existsSync(file)).toBe(true);
  });

  it('from the command line fails with a message naming MicrosoftAppId when it is empty', async () => {
    const file = path.join(out, 'app.zip');
    const { code, stderr } = await cli(['--out', file], { MicrosoftAppId: '' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/MicrosoftAppId is empty/);
    expect(existsSync(file)).toBe(false);
  });
});
