// The status badge (lib/badge): overall, or `?component={id}`.
import { badgeRoute } from "@/lib/api/public-routes";

export const GET = badgeRoute;
export const HEAD = badgeRoute;
