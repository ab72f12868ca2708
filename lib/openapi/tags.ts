// The tags that group the OpenAPI document's operations, and what each says.
export const TAGS = {
  Index: "Where everything is: the API root, the v1 index and this document.",
  Components: "The parts of the service whose status the page shows. Anonymous callers see enabled components only.",
  "Component groups": "Groups of components. Anonymous callers see visible groups only.",
  Incidents: "Incidents and scheduled maintenance. Anonymous callers see visible incidents only.",
  Maintenance: "Scheduled maintenance windows and the components they cover; a kind of incident, under the incidents' permissions. Anonymous callers see visible maintenance only.",
  "Incident updates": "Updates posted to an incident; each moves the incident (and optionally its component) along.",
  Subscribers: "E-mail subscribers. Never public: a token or a session is always needed.",
  Subscriptions: "Self-service e-mail subscriptions with double opt-in: anyone may subscribe; the signed code of an e-mailed link confirms, changes or ends a subscription.",
  Pages: "Content pages (Markdown). Anonymous callers see published pages only.",
  Menus: "Menus of links to URLs or pages.",
  Users: "Team members and their roles.",
  Roles: "Roles and their permissions (resource:action).",
  Settings: "Site settings, including the public API role that anonymous requests act as.",
  Webhooks: "Signed webhook endpoints (Standard Webhooks) and their deliveries. Never public: a token or a session is always needed.",
  Tokens: "API tokens: many per user, shown once, stored only as a keyed digest.",
  Authentication: "Who am I, and trading a password for a token.",
  Audit: "Token and account events.",
  "Statuspage-compatible": "The status page's data in the shape of Atlassian Statuspage's public API v2 (`/api/v2/*.json`), so Statuspage widgets and integrations work unchanged. Anonymous, readable with no public API role, cached a few seconds, served from the last good copy during a database outage.",
  GraphQL: "The same objects and rules over GraphQL: each field checks the permission of its REST route.",
} as const;
export type Tag = keyof typeof TAGS;
