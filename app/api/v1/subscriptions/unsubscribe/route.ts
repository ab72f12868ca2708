import { route } from "@/lib/routes";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = route("/api/v1/subscriptions/unsubscribe");
