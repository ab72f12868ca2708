// The errors only the HTTP layer raises (a method a path does not serve, a body that is not JSON). The
// error type itself lives below, in lib/errors.ts.
import { ApiError } from "../errors.ts";

export const methodNotAllowed = (method: string, allow: string[]) =>
  new ApiError(405, `Method "${method}" not allowed.`, {}, { Allow: allow.join(", ") });
export const unsupportedMediaType = (type: string) =>
  new ApiError(415, `Unsupported media type "${type}" in request.`);
