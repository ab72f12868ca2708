// The one error type of Beacon, below the HTTP layer: domain and auth code throw it with the status and
// detail of API.md §2, and lib/api maps it (and Zod, Prisma and connection errors) to the response.
import { AUTHORIZATION, CREDENTIAL_HEADER_LIST, PREFERRED_KEY_HEADER } from "./credential-headers.ts";

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

export const DETAIL = {
  notProvided: "Authentication credentials were not provided.",
  invalidToken: "Invalid token.",
  tokenHeaderEmpty: "Invalid token header. No credentials provided.",
  tokenHeaderSpaces: "Invalid token header. Token string should not contain spaces.",
  tokenHeaderChars: "Invalid token header. Token string should not contain invalid characters.",
  basicHeaderEmpty: "Invalid basic header. No credentials provided.",
  basicHeaderSpaces: "Invalid basic header. Credentials string should not contain spaces.",
  basicHeaderEncoding: "Invalid basic header. Credentials not correctly base64 encoded.",
  authorizationScheme: 'Invalid authorization header. Use "Token <key>", "Bearer <key>" or "Basic <credentials>".',
  badPassword: "Invalid username/password.",
  tokenExpired: "Token expired.",
  tokenDisabled: "Token disabled.",
  userInactive: "User inactive or deleted.",
  readOnlyToken: "This token does not permit write operations.",
  forbidden: "You do not have permission to perform this action.",
  conflictingCredentials: `Conflicting credentials: send one of ${CREDENTIAL_HEADER_LIST}.`,
  tokenInUrl: `Tokens are not accepted in the URL; send an ${PREFERRED_KEY_HEADER} or ${AUTHORIZATION} header.`,
  csrf: "CSRF Failed: Origin checking failed.",
  validation: "Validation failed.",
  jsonParse: "JSON parse error.",
  conflict: "Conflict.",
  tooLarge: "Request body exceeds 1 MiB.",
  notFound: "Not found.",
  unavailable: "Service temporarily unavailable.",
  serverError: "A server error occurred.",
  noTokenManagement: "This user may not manage API tokens.",
} as const;

export const notFound = () => new ApiError(404, DETAIL.notFound);
export const forbidden = () => new ApiError(403, DETAIL.forbidden);
export const validationError = (errors: FieldErrors) => new ApiError(400, DETAIL.validation, { errors });
export const conflict = (errors: FieldErrors) => new ApiError(409, DETAIL.conflict, { errors });
export const throttled = (seconds: number) =>
  new ApiError(429, `Request was throttled. Expected available in ${seconds} seconds.`, {}, { "Retry-After": String(seconds) });
