import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { commandLimitProblems, iconProblems, schemaProblems, translationProblems } from './app-package-validate';

// Builds the Teams app package (app.zip) from appPackage/: fills the placeholders of
// manifest.json, validates everything, and zips the manifest, its translations and its icons
// at the root of the archive, where Teams looks for them.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A fixed time stamp in the archive: the same sources give the same app.zip, byte for byte.
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export class AppPackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      [`The Teams app package is not valid: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix`, ...problems.map((p) => `  - ${p}`)].join(
        '\n',
      ),
    );
    this.name = 'AppPackageError';
  }
}

export interface BuildOptions {
  /** The folder with manifest.json, its translations and icons (appPackage/). */
  sourceDir: string;
  /** Where app.zip goes. */
  outFile: string;
  /** MicrosoftAppId (required) and TEAMS_APP_ID (optional): the process environment over .env. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface BuiltPackage {
  file: string;
  entries: string[];
  manifest: Record<string, unknown>;
}

/** `${{NAME}}` placeholders of manifest.json and the variables that fill them. */
const PLACEHOLDERS: Record<string, { variable: string; describe: string }> = {
  BOT_ID: { variable: 'MicrosoftAppId', describe: "the bot's Microsoft Entra app id (the Azure Bot resource's Microsoft App ID)" },
};

/** The ids of the package, or the problems that stop it. */
function ids(env: BuildOptions['env']): { values: Record<string, string>; appId?: string; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  for (const [name, { variable, describe }] of Object.entries(PLACEHOLDERS)) {
    const value = env[variable]?.trim() ?? '';
    if (value === '') problems.push(`${variable} is empty: set it to ${describe}, in the environment or in .env`);
    else if (!GUID.test(value)) problems.push(`${variable} must be a GUID (got "${value}")`);
    else values[name] = value;
  }
  const appId = env.TEAMS_APP_ID?.trim() || undefined;
  if (appId !== undefined && !GUID.test(appId)) problems.push(`TEAMS_APP_ID must be a GUID (got "${appId}")`);
  return { values, appId, problems };
}

/** Replaces every `${{NAME}}` of the manifest text; unknown names are problems, not silent gaps. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const filled = text.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1); // the placeholder sits inside a JSON string
  });
  return { text: filled, unknown: [...unknown] };
}

function readJson(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    problems.push(`${path.basename(file)} cannot be read as JSON: ${(e as Error).message}`);
    return undefined;
  }
}

function readBytes(file: string, problems: string[]): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (e) {
    problems.push(`${path.basename(file)} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringAt = (v: unknown, key: string): string | undefined => (isRecord(v) && typeof v[key] === 'string' ? v[key] : undefined);

/** Fills, validates and zips; throws AppPackageError listing every problem found. */
export async function buildAppPackage(options: BuildOptions): Promise<BuiltPackage> {
  const { sourceDir } = options;
  const { values, appId, problems } = ids(options.env);
  const manifestFile = path.join(sourceDir, 'manifest.json');
  const raw = readBytes(manifestFile, problems);
  if (raw === undefined) throw new AppPackageError(problems);

  const filled = fillPlaceholders(raw.toString('utf8'), values);
  for (const name of filled.unknown.filter((n) => !(n in PLACEHOLDERS))) {
    problems.push(`manifest.json has a placeholder \${{${name}}} that package:app does not fill (known: ${Object.keys(PLACEHOLDERS).join(', ')})`);
  }
  if (problems.length > 0) throw new AppPackageError(problems);
  let manifest: unknown;
  try {
    manifest = JSON.parse(filled.text);
  } catch (e) {
    throw new AppPackageError([`manifest.json cannot be read as JSON: ${(e as Error).message}`]);
  }
  if (!isRecord(manifest)) throw new AppPackageError(['manifest.json must hold a JSON object']);
  if (appId !== undefined) manifest.id = appId;

  const version = stringAt(manifest, 'manifestVersion') ?? '';
  try {
    problems.push(...schemaProblems(manifest, version, 'manifest').map((p) => `manifest.json ${p}`));
  } catch (e) {
    throw new AppPackageError([(e as Error).message]);
  }

  // Every file the manifest names goes into the archive, under the name the manifest uses.
  const files = new Map<string, Buffer>();
  const localizations: Array<[string, Record<string, unknown>]> = [];
  const languages = isRecord(manifest.localizationInfo) ? manifest.localizationInfo.additionalLanguages : undefined;
  for (const language of Array.isArray(languages) ? languages : []) {
    const name = stringAt(language, 'file');
    if (name === undefined) continue; // the schema has said so already
    const localization = readJson(path.join(sourceDir, name), problems);
    if (localization === undefined) continue;
    if (!isRecord(localization)) {
      problems.push(`${name} must hold a JSON object`);
      continue;
    }
    try {
      problems.push(...schemaProblems(localization, version, 'localization').map((p) => `${name} ${p}`));
    } catch (e) {
      problems.push((e as Error).message);
    }
    problems.push(...translationProblems(manifest, localization, name));
    localizations.push([name, localization]);
    files.set(name, readFileSync(path.join(sourceDir, name)));
  }
  problems.push(...commandLimitProblems(manifest, localizations));

  const colorName = stringAt(manifest.icons, 'color');
  const outlineName = stringAt(manifest.icons, 'outline');
  if (colorName !== undefined && outlineName !== undefined) {
    const color = readBytes(path.join(sourceDir, colorName), problems);
    const outline = readBytes(path.join(sourceDir, outlineName), problems);
    if (color && outline) {
      problems.push(...iconProblems(color, outline, { color: colorName, outline: outlineName }));
      files.set(colorName, color);
      files.set(outlineName, outline);
    }
  }
  if (problems.length > 0) throw new AppPackageError(problems);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  for (const [name, bytes] of files) zip.file(name, bytes, { date: ZIP_DATE });
  const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  mkdirSync(path.dirname(options.outFile), { recursive: true });
  writeFileSync(options.outFile, archive);
  return { file: options.outFile, entries: ['manifest.json', ...files.keys()], manifest };
}
