import { NeuralNetwork, type NeuralExample, type NeuralJson } from '@nlpjs/neural';
import type { Intent } from './nlu-result';

// The intent classifier: nlp.js's neural network (one layer of perceptrons over bag-of-stems
// features, the network behind its NluNeural), trained on the corpus of corpus/.

export interface Scored {
  intent: Intent;
  score: number;
}

export interface TrainingExample {
  features: Record<string, number>;
  intent: Intent;
}

const SETTINGS = { iterations: 2000, errorThresh: 0.00005, deltaErrorThresh: 0.000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07, log: false };

export class IntentClassifier {
  private readonly network: NeuralNetwork;
  private readonly known: ReadonlySet<string>;

  private constructor(network: NeuralNetwork) {
    this.network = network;
    this.known = new Set(network.toJSON().features ?? []);
  }

  /** Deterministic: the network starts from zero weights and visits the examples in order. */
  static train(examples: readonly TrainingExample[]): IntentClassifier {
    const network = new NeuralNetwork({ ...SETTINGS });
    const corpus: NeuralExample[] = examples.map((e) => ({ input: { ...e.features }, output: { [e.intent]: 1 } }));
    network.train(corpus);
    return new IntentClassifier(network);
  }

  static fromJSON(json: NeuralJson): IntentClassifier {
    const network = new NeuralNetwork();
    network.fromJSON(json);
    return new IntentClassifier(network);
  }

  toJSON(): NeuralJson {
    return this.network.toJSON();
  }

  knows(feature: string): boolean {
    return this.known.has(feature);
  }

  /** Intents by score, scores squared and normalised to sum 1 (as nlp.js does). */
  classify(input: Record<string, number>): Scored[] {
    // Only features the network has weights for: its lookup is a plain object, where a word such as
    // "constructor" would find a prototype member instead of nothing.
    const known: Record<string, number> = {};
    for (const [feature, value] of Object.entries(input)) if (this.known.has(feature)) known[feature] = value;
    const raw = this.network.run(known) ?? {};
    const scored = Object.entries(raw).map(([intent, score]) => ({ intent: intent as Intent, score: score * score }));
    const total = scored.reduce((sum, s) => sum + s.score, 0);
    if (total <= 0) return [{ intent: 'none', score: 1 }];
    return scored.map((s) => ({ intent: s.intent, score: s.score / total })).sort((a, b) => b.score - a.score);
  }
}
