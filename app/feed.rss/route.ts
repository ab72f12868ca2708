// RSS 2.0 feed of incidents, their updates and maintenance (lib/feeds); `?component={id}` narrows it.
import { feedRoute } from "@/lib/api/public-routes";

export const GET = feedRoute("rss");
export const HEAD = GET;
