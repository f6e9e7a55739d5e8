import type { CategoryId, RoleId } from '../domain/vocabulary';
import { clean, fold } from './normalize';

export type DurationUnit = 'D' | 'W' | 'M' | 'Y';

/** A quantity of time: "90, 30 e 7 giorni" is three items in days. */
export interface QuantityItem {
  value: number;
  unit: DurationUnit;
}

/** Where a quantity points: "next 30 days", "last 3 months", "7 days before", "3 months ago". */
export type QuantityDirection = 'next' | 'past' | 'before' | 'ago' | 'none';

/** A calendar reference before it is resolved against today and the intent's direction. */
export type DateRef =
  | { kind: 'day'; year?: number; month: number; day: number }
  | { kind: 'month'; year?: number; month: number }
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year?: number; quarter: number }
  | { kind: 'half'; year?: number; half: number }
  | { kind: 'relative'; period: 'day' | 'week' | 'month' | 'quarter' | 'year'; offset: number };

/** How a date relates to what is asked: "since March", "until 31 October", "in October". */
export type DateRole = 'since' | 'until' | 'point';

export type Mention =
  | { kind: 'email'; value: string }
  | { kind: 'contract'; value: string }
  | { kind: 'category'; value: CategoryId }
  | { kind: 'role'; value: RoleId }
  /** `weak`: only a capitalised word after a preposition ("in Sales") says it is a name. */
  | { kind: 'workspace'; value: string; weak?: true }
  | { kind: 'package'; value: string }
  | { kind: 'quantity'; items: QuantityItem[]; direction: QuantityDirection }
  | { kind: 'date'; role: DateRole; ref: DateRef; to?: DateRef };

export type MentionKind = Mention['kind'];

export type Placed<M extends Mention = Mention> = M extends Mention ? M & { start: number; end: number } : never;

export interface Token {
  start: number;
  end: number;
  /** Folded (lower case, no accents). */
  text: string;
  /** `text`, spelling corrected against the known vocabulary. */
  word: string;
  /** Index in `mentions` of the entity this token belongs to, if any. */
  mention?: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** One message being understood: the text, its words, and the entities found so far. */
export class Analysis {
  readonly raw: string;
  readonly folded: string;
  /** `folded` with the spans of found entities blanked out, for the extractors that read text. */
  view: string;
  readonly tokens: Token[] = [];
  readonly mentions: Placed[] = [];

  constructor(text: string) {
    this.raw = clean(text);
    this.folded = fold(this.raw);
    this.view = this.folded;
  }

  /** Splits the (partly masked) view into words; e-mails and @mentions are handled before. */
  tokenize(): void {
    for (const match of this.view.matchAll(WORD)) {
      const start = match.index;
      this.tokens.push({ start, end: start + match[0].length, text: match[0], word: match[0] });
    }
  }

  /** Records an entity over [start, end) and hides it from later extractors. */
  add(mention: Mention, start: number, end: number): void {
    const index = this.mentions.length;
    this.mentions.push({ ...mention, start, end });
    this.view = this.view.slice(0, start) + ' '.repeat(end - start) + this.view.slice(end);
    for (const token of this.tokens) {
      if (token.start < end && token.end > start && token.mention === undefined) token.mention = index;
    }
  }

  /** Blanks a span that is no entity and no word (a bot @mention). */
  erase(start: number, end: number): void {
    this.view = this.view.slice(0, start) + ' '.repeat(end - start) + this.view.slice(end);
  }

  /** Records an entity covering tokens [from, to) (token indices). */
  addTokens(mention: Mention, from: number, to: number): void {
    const first = this.tokens[from];
    const last = this.tokens[to - 1];
    if (first && last) this.add(mention, first.start, last.end);
  }

  isFree(i: number): boolean {
    const token = this.tokens[i];
    return token !== undefined && token.mention === undefined;
  }

  /** The text the user wrote over a span, trimmed. */
  written(start: number, end: number): string {
    return this.raw.slice(start, end).trim();
  }

  find<K extends MentionKind>(kind: K): Placed<Extract<Mention, { kind: K }>>[] {
    return this.mentions.filter((m): m is Placed<Extract<Mention, { kind: K }>> => m.kind === kind);
  }
}
