// npm run cards:preview [-- --all] [--out DIR] [--chromium PATH]
// Renders the bot's cards (src/cli/card-catalogue.ts) in Debian's Chromium with the official
// adaptivecards renderer, light and dark, into docs/cards/<theme>/<id>.png and docs/cards/index.html.
// Offline: the page is set from memory, the scripts are injected from node_modules, every request is refused.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { GENERATOR_TODAY } from '../data/generator';
import { buildCatalogue, type CatalogueEntry } from './card-catalogue';
import { galleryHtml } from './cards-preview-gallery';
import darkHost from './cards-preview-host-dark.json';
import lightHost from './cards-preview-host-light.json';
import { PREVIEW_CSS, PREVIEW_HTML, PREVIEW_SCRIPT, type Theme } from './cards-preview-page';
import { previewSubset } from './cards-preview-subset';
import { loadOrg, runMain } from './cli-support';

const ROOT = path.resolve(__dirname, '..', '..');
const MODULES = path.join(ROOT, 'node_modules');
const HOSTS: Readonly<Record<Theme, object>> = { light: lightHost, dark: darkHost };
// Teams' chat column: a card is about 500 px wide; `msteams.width: Full` takes the whole column.
const WIDTH = { normal: 500, full: 760 };


interface Rendered {
  ok: boolean;
  warnings: string[];
}

const widthOf = (card: Record<string, unknown>): number => {
  const teams = card.msteams as { width?: unknown } | undefined;
  return teams?.width === 'Full' ? WIDTH.full : WIDTH.normal;
};

async function openPreviewPage(page: Page): Promise<void> {
  await page.route('**/*', (route) => route.abort()); // nothing leaves the machine
  await page.setContent(PREVIEW_HTML);
  await page.addStyleTag({ path: path.join(MODULES, 'adaptivecards', 'dist', 'adaptivecards.css') });
  await page.addStyleTag({ content: PREVIEW_CSS });
  await page.addScriptTag({ path: path.join(MODULES, 'adaptivecards', 'dist', 'adaptivecards.js') });
  await page.addScriptTag({ path: path.join(MODULES, 'markdown-it', 'dist', 'browser', 'markdown-it.umd.min.js') });
  await page.addScriptTag({ content: PREVIEW_SCRIPT });
}

async function screenshot(page: Page, entry: CatalogueEntry, theme: Theme, file: string): Promise<Rendered> {
  const input = { card: entry.content, hostConfig: HOSTS[theme], width: widthOf(entry.content), theme };
  // a string, not a function: see cards-preview-page.ts
  const rendered = await page.evaluate<Rendered>(`window.renderCard(${JSON.stringify(input)})`);
  if (rendered.ok) await page.locator('#stage').screenshot({ path: file, animations: 'disabled' });
  return rendered;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { all: { type: 'boolean' }, out: { type: 'string' }, chromium: { type: 'string' } },
    strict: true,
  });
  const out = path.resolve(values.out ?? path.join(ROOT, 'docs', 'cards'));
  const org = await loadOrg(undefined);

  const started = performance.now();
  const failed: string[] = [];
  const catalogue = await buildCatalogue(org, {
    today: GENERATOR_TODAY,
    onFailure: (f) => failed.push(`${f.id}: the bot failed on “${f.question}”${f.action ? ` → ${f.action.verb}` : ''}: ${f.message}`),
  });
  const builtIn = performance.now() - started;
  const shown = values.all ? catalogue : previewSubset(catalogue);

  const themes: Theme[] = ['light', 'dark'];
  for (const theme of themes) {
    await rm(path.join(out, theme), { recursive: true, force: true }); // no PNG of a card that is gone
    await mkdir(path.join(out, theme), { recursive: true });
  }

  const warnings = new Map<string, string[]>();
  // launch() gives every run a new, empty, temporary profile
  const browser = await chromium.launch({ executablePath: values.chromium ?? CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    // one page per theme, side by side: the machine has two cores
    await Promise.all(
      themes.map(async (theme) => {
        const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
        await openPreviewPage(page);
        for (const entry of shown) {
          const rendered = await screenshot(page, entry, theme, path.join(out, theme, `${entry.id}.png`));
          if (!rendered.ok) failed.push(`${theme}/${entry.id}: the SDK rendered nothing`);
          if (rendered.warnings.length) warnings.set(entry.id, rendered.warnings);
        }
      }),
    );
  } finally {
    await browser.close();
  }

  await writeFile(path.join(out, 'index.html'), galleryHtml({ entries: shown, warnings, catalogueSize: catalogue.length, today: GENERATOR_TODAY }));
  const took = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${catalogue.length} cards in the catalogue (built in ${Math.round(builtIn)} ms); ` +
      `${shown.length} rendered in ${themes.length} themes to ${path.relative(process.cwd(), out) || '.'} in ${took} s\n`,
  );
  for (const f of failed) process.stderr.write(`${f}\n`);
  return failed.length ? 1 : 0;
}

runMain(main);
