import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { describeSelf } from "@/lib/users/self";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ requireUser: true }, async ({ principal }) => ok(await describeSelf(principal))),
});
