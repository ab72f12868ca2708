// Unknown paths under /api/ answer API.md's JSON 404 for every method (not Next's HTML page).
import { ApiError, DETAIL } from "./errors.ts";
import { errorResult, render } from "./handler.ts";

const handler = async (req: Request) => render(req, errorResult(new ApiError(404, DETAIL.notFound)), null, false);

export const notFoundEndpoint = { GET: handler, HEAD: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
