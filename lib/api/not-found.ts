// Unknown paths under /api/ answer API.md's JSON 404 for every method (not Next's HTML page), or its
// browsable HTML page for a browser.
import { authenticate } from "../auth/authenticate.ts";
import type { Principal } from "../auth/principal.ts";
import { ApiError, DETAIL } from "../errors.ts";
import { errorResult, render } from "./handler.ts";
import { negotiateFormat } from "./negotiate.ts";

/** Who the HTML page says is signed in. Only shown: whatever the credentials, the answer is this 404. */
async function shownPrincipal(req: Request): Promise<Principal | null> {
  if (negotiateFormat(req) !== "html") return null;
  try {
    return await authenticate(req, new URL(req.url));
  } catch {
    return null;
  }
}

const handler = async (req: Request) =>
  render(req, errorResult(new ApiError(404, DETAIL.notFound)), { principal: await shownPrincipal(req), presentedToken: false });

export const notFoundEndpoint = { GET: handler, HEAD: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
