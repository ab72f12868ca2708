import { notFoundEndpoint } from "@/lib/api/not-found";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = notFoundEndpoint;
