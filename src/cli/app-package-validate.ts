import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';

// The checks of a Teams app package: the official manifest and localization JSON schemas that
// @microsoft/app-manifest ships (offline, no download), the icons Teams requires, and the
// translations. Each check returns problems as sentences; an empty list means valid.

/** The schemas shipped by @microsoft/app-manifest, one folder per manifest version (`v1.30`). */
export const TEAMS_SCHEMAS_DIR = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

export type SchemaKind = 'manifest' | 'localization';

const SCHEMA_FILES: Record<SchemaKind, string> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

export function schemaFile(manifestVersion: string, kind: SchemaKind): string {
  const file = path.join(TEAMS_SCHEMAS_DIR, `v${manifestVersion}`, SCHEMA_FILES[kind]);
  if (!existsSync(file)) {
    throw new Error(`manifestVersion "${manifestVersion}" has no ${kind} schema in @microsoft/app-manifest (looked for ${file})`);
  }
  return file;
}

const compiled = new Map<string, ValidateFunction>();

function validator(file: string): ValidateFunction {
  let validate = compiled.get(file);
  if (!validate) {
    // The Teams schemas are draft-04 (hence ajv-draft-04, as @microsoft/app-manifest itself
    // validates); some localization patterns are not valid with the `u` flag, hence unicodeRegExp.
    const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    compiled.set(file, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath;
  const params = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
  return `${where} ${error.message ?? 'is invalid'}${params}`;
}

/** Problems of `data` against the official schema of that manifest version. */
export function schemaProblems(data: unknown, manifestVersion: string, kind: SchemaKind): string[] {
  const validate = validator(schemaFile(manifestVersion, kind));
  return validate(data) ? [] : (validate.errors ?? []).map(describe);
}

export const COLOR_ICON_PX = 192;
export const OUTLINE_ICON_PX = 32;

function readPng(bytes: Buffer, name: string): PNG | string {
  try {
    return PNG.sync.read(bytes);
  } catch (e) {
    return `${name} is not a readable PNG (${(e as Error).message})`;
  }
}

/** Teams: a full-colour 192×192 icon and a 32×32 outline that is white on transparent only. */
export function iconProblems(color: Buffer, outline: Buffer, names = { color: 'color icon', outline: 'outline icon' }): string[] {
  const problems: string[] = [];
  const colorPng = readPng(color, names.color);
  if (typeof colorPng === 'string') problems.push(colorPng);
  else if (colorPng.width !== COLOR_ICON_PX || colorPng.height !== COLOR_ICON_PX) {
    problems.push(`${names.color} must be ${COLOR_ICON_PX}×${COLOR_ICON_PX} pixels (it is ${colorPng.width}×${colorPng.height})`);
  }
  const outlinePng = readPng(outline, names.outline);
  if (typeof outlinePng === 'string') problems.push(outlinePng);
  else {
    if (outlinePng.width !== OUTLINE_ICON_PX || outlinePng.height !== OUTLINE_ICON_PX) {
      problems.push(`${names.outline} must be ${OUTLINE_ICON_PX}×${OUTLINE_ICON_PX} pixels (it is ${outlinePng.width}×${outlinePng.height})`);
    }
    const { coloured, transparent } = outlinePixels(outlinePng);
    if (coloured > 0) problems.push(`${names.outline} must be white on transparent: ${coloured} visible pixels are not white`);
    if (transparent === 0) problems.push(`${names.outline} must have a transparent background`);
  }
  return problems;
}

/** Visible pixels that are not white, and fully transparent pixels. */
export function outlinePixels(png: PNG): { coloured: number; transparent: number } {
  let coloured = 0;
  let transparent = 0;
  for (let at = 0; at < png.data.length; at += 4) {
    const alpha = png.data[at + 3] ?? 0;
    if (alpha === 0) transparent += 1;
    else if (png.data[at] !== 255 || png.data[at + 1] !== 255 || png.data[at + 2] !== 255) coloured += 1;
  }
  return { coloured, transparent };
}

const TOP_LEVEL_KEYS = ['name.short', 'name.full', 'description.short', 'description.full'];

/** Reads a localization key path such as `bots[0].commandLists[1].commands[2].title` in the manifest. */
export function valueAtKey(manifest: unknown, key: string): unknown {
  const steps: Array<string | number> = [];
  for (const part of key.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    steps.push(match[1] ?? '', ...[...(match[2] ?? '').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  }
  let value: unknown = manifest;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/** Keys every translation must give: the names, descriptions and each bot command's title and description. */
export function requiredTranslationKeys(manifest: unknown): string[] {
  const keys = TOP_LEVEL_KEYS.filter((k) => valueAtKey(manifest, k) !== undefined);
  const lists = valueAtKey(manifest, 'bots[0].commandLists');
  if (Array.isArray(lists)) {
    lists.forEach((list: unknown, i) => {
      const commands = valueAtKey(list, 'commands');
      if (!Array.isArray(commands)) return;
      commands.forEach((command: unknown, j) => {
        for (const field of ['title', 'description']) {
          if (valueAtKey(command, field) !== undefined) keys.push(`bots[0].commandLists[${i}].commands[${j}].${field}`);
        }
      });
    });
  }
  return keys;
}

/** A translation that names a string the manifest lacks is ignored by Teams; a missing one shows English. */
export function translationProblems(manifest: unknown, localization: Record<string, unknown>, file: string): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(localization)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof valueAtKey(manifest, key) !== 'string') problems.push(`${file}: "${key}" translates nothing in manifest.json`);
  }
  for (const key of requiredTranslationKeys(manifest)) {
    const text = localization[key];
    if (typeof text !== 'string' || text.trim() === '') problems.push(`${file}: no translation for "${key}"`);
  }
  return problems;
}

/** Teams client limits stricter than the schema: its command menu shows 10 commands of 32/128 characters. */
export const COMMAND_LIMITS = { commands: 10, title: 32, description: 128 } as const;

export function commandLimitProblems(manifest: unknown, localizations: ReadonlyArray<[string, Record<string, unknown>]>): string[] {
  const problems: string[] = [];
  const lists = valueAtKey(manifest, 'bots[0].commandLists');
  if (!Array.isArray(lists)) return problems;
  lists.forEach((list: unknown, i) => {
    const commands = valueAtKey(list, 'commands');
    if (Array.isArray(commands) && commands.length > COMMAND_LIMITS.commands) {
      problems.push(`bots[0].commandLists[${i}] has ${commands.length} commands; Teams shows at most ${COMMAND_LIMITS.commands}`);
    }
  });
  const texts: Array<[string, string, unknown]> = requiredTranslationKeys(manifest)
    .filter((k) => k.startsWith('bots['))
    .flatMap((k) => [['manifest.json', k, valueAtKey(manifest, k)] as [string, string, unknown], ...localizations.map(([file, loc]) => [file, k, loc[k]] as [string, string, unknown])]);
  for (const [file, key, text] of texts) {
    const limit = key.endsWith('.title') ? COMMAND_LIMITS.title : COMMAND_LIMITS.description;
    if (typeof text === 'string' && text.length > limit) problems.push(`${file}: "${key}" is ${text.length} characters; Teams shows at most ${limit}`);
  }
  return problems;
}
