import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { rootIndex, rootIntro } from "@/lib/api/index-doc";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({}, async ({ req }) => ({ ...ok(rootIndex(req)), intro: rootIntro() })),
});
