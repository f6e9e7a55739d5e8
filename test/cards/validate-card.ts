import * as AC from 'adaptivecards';

/** Parses a card with the official SDK; returns its parse and validation events and template leftovers. */
export function cardProblems(content: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) {
    problems.push(`parse: ${context.getEventAt(i).message}`);
  }
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const json = JSON.stringify(content);
  if (json.includes('${')) problems.push('unexpanded template expression');
  if (/\bundefined\b|\bNaN\b/.test(json)) problems.push('undefined or NaN in card');
  return problems;
}
