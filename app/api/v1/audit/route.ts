import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { paginated } from "@/lib/api/pagination";
import { parsePage } from "@/lib/paging";
import { AuditFilters } from "@/lib/validation/audit";
import { listAudit } from "@/lib/users/audit";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ requireUser: true, query: AuditFilters }, async ({ req, url, principal, query }) => {
    const page = parsePage(url);
    const { count, results } = await listAudit(principal, query, page);
    return ok(paginated(req, url, page, count, results));
  }),
});
