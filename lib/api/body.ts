// Reading a request body (API.md §1): JSON when the media type is application/json or ends in +json,
// an empty body is `{}`, more than 1 MiB is a 413, another non-empty type a 415, nested deeper than
// MAX_JSON_DEPTH a 400.
import { MAX_JSON_DEPTH, jsonTooDeep } from "../validation/json-depth.ts";
import { ApiError, DETAIL } from "../errors.ts";
import { unsupportedMediaType } from "./errors.ts";

export { MAX_JSON_DEPTH };

export const MAX_BODY_BYTES = 1024 * 1024;

export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export function isJsonMediaType(type: string): boolean {
  return type === "application/json" || type.endsWith("+json");
}

async function readLimited(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new ApiError(413, DETAIL.tooLarge);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new ApiError(413, DETAIL.tooLarge);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The parsed JSON body, `{}` when empty; nested deeper than MAX_JSON_DEPTH is a parse error. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await readLimited(req);
  if (text.trim() === "") return {};
  const type = mediaType(req.headers.get("content-type"));
  // A body with no Content-Type at all is read as JSON, as most clients mean it.
  if (type !== "" && !isJsonMediaType(type)) throw unsupportedMediaType(type);
  if (jsonTooDeep(text)) throw new ApiError(400, DETAIL.jsonParse);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, DETAIL.jsonParse);
  }
}
