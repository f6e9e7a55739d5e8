// nlp.js ships no type declarations: the few classes the recognizer uses, typed as they behave.

declare module '@nlpjs/neural' {
  export interface NeuralSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean;
  }
  /** One training row: feature → value in, intent → target out. */
  export interface NeuralExample {
    input: Record<string, number>;
    output: Record<string, number>;
  }
  export interface NeuralJson {
    settings: NeuralSettings;
    features?: string[];
    intents?: string[];
    perceptrons?: number[][];
  }
  export interface TrainStatus {
    error: number;
    deltaError: number;
    iterations: number;
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    train(corpus: NeuralExample[]): TrainStatus;
    /** Score per intent, or undefined before training. */
    run(input: Record<string, number>): Record<string, number> | undefined;
    toJSON(): NeuralJson;
    fromJSON(json: NeuralJson): void;
  }
}

declare module '@nlpjs/lang-it' {
  export class StemmerIt {
    cache: Record<string, string>;
    stemWord(word: string): string;
  }
}

declare module '@nlpjs/lang-en-min' {
  export class StemmerEn {
    cache: Record<string, string>;
    stemWord(word: string): string;
  }
}
