import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { v1Index, v1Intro } from "@/lib/api/index-doc";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({}, async ({ req }) => ({ ...ok(v1Index(req)), intro: v1Intro() })),
});
