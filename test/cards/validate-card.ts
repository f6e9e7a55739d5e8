import * as AC from 'adaptivecards';

type Json = Record<string, unknown>;

/** Chart.* elements (Teams renders them; the SDK does not know them) each with its fallback, or problems. */
function chartProblems(node: unknown, problems: string[]): void {
  if (Array.isArray(node)) node.forEach((n) => chartProblems(n, problems));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (typeof o.type === 'string' && o.type.startsWith('Chart.') && !o.fallback) problems.push(`${o.type} without a fallback`);
    Object.values(o).forEach((v) => chartProblems(v, problems));
  }
}

/**
 * Parses a card with the official SDK; returns its parse and validation events and template
 * leftovers. The SDK reports Teams' Chart.* elements as unknown and renders their fallback: that
 * is the design (every chart must have one), so those events are expected, a chart without one is not.
 */
export function cardProblems(content: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(content, context);
  const problems: string[] = [];
  chartProblems(content, problems);
  for (let i = 0; i < context.eventCount; i += 1) {
    const message = context.getEventAt(i).message;
    if (!/^Unknown element type "Chart\.[A-Za-z.]+"\. Fallback will be used if present\.$/.test(message)) problems.push(`parse: ${message}`);
  }
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const json = JSON.stringify(content);
  if (json.includes('${')) problems.push('unexpanded template expression');
  if (/\bundefined\b|\bNaN\b/.test(json)) problems.push('undefined or NaN in card');
  return problems;
}
