// The request headers that carry credentials (API.md §2), named once: the parser (lib/auth/credentials.ts),
// Vary, CORS, the 401's `invalid_token` hint, the OpenAPI security schemes, the error messages and the UI's
// curl examples all read them here.

export const AUTHORIZATION = "Authorization";

/** The headers that carry a bare token key, each as the service whose clients send it names it (and its OpenAPI security scheme). */
export const TOKEN_KEY_HEADERS = [
  { name: "X-Api-Key", after: "Cloudsmith", scheme: "apiKeyHeader" },
  { name: "X-Cachet-Token", after: "Cachet", scheme: "cachetToken" },
  { name: "api-key", after: "Cockpit", scheme: "cockpitApiKey" },
] as const;

export type TokenKeyHeader = (typeof TOKEN_KEY_HEADERS)[number]["name"];

/** Every credential header: `Authorization` (Token, Bearer or Basic) and the key headers. */
export const CREDENTIAL_HEADERS: readonly string[] = [AUTHORIZATION, ...TOKEN_KEY_HEADERS.map((h) => h.name)];

/** "Authorization, X-Api-Key, X-Cachet-Token or api-key". */
export const CREDENTIAL_HEADER_LIST = `${CREDENTIAL_HEADERS.slice(0, -1).join(", ")} or ${CREDENTIAL_HEADERS.at(-1)}`;

/** The key header a script is told to use. */
export const PREFERRED_KEY_HEADER: TokenKeyHeader = "X-Api-Key";
