/**
 * Where the HTTP data source gets the bearer token for the customer's API. The MSAL
 * implementation (msal-token-provider.ts) is the real one; tests pass a fake.
 */
export interface TokenProvider {
  /** Names the issuer for errors and logs (never the token or a secret). */
  readonly description: string;
  /**
   * An access token, from the provider's cache while it is valid. `fresh` skips the cache: the
   * API has just refused the cached token (revoked, or its permissions changed).
   */
  getToken(fresh?: boolean): Promise<string>;
}

/** A token could not be obtained: wrong secret, unknown tenant or scope, authority unreachable. */
export class TokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenError';
  }
}
