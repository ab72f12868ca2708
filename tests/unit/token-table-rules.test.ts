// The profile's token table: states, "expires in N days", search, filter, sort and expiry presets.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Token } from "../../lib/client/types.ts";
import { daysLeft, presetToLocalInput, selectTokens, tokenState } from "../../app/(account)/profile/token-state.ts";

const NOW = Date.parse("2026-12-02T12:00:00Z");
const DAY = 86400_000;
const iso = (offset: number) => new Date(NOW + offset).toISOString();
let next = 1;
function token(over: Partial<Token>): Token {
  const id = next++;
  return {
    id,
    description: `token ${id}`,
    display: `bcn_${id}…`,
    created_at: iso(-id * DAY),
    expires_at: null,
    last_used_at: null,
    last_used_ip: null,
    previous_key_expires_at: null,
    write_enabled: true,
    enabled: true,
    allowed_ips: [],
    scopes: [],
    user: { id: 1, email: "a@example.com", name: "" },
    ...over,
  };
}

test("an expired token is expired whatever its enabled flag; otherwise enabled or disabled", () => {
  assert.equal(tokenState(token({ expires_at: iso(-1000) }), NOW), "expired");
  assert.equal(tokenState(token({ expires_at: iso(-1000), enabled: false }), NOW), "expired");
  assert.equal(tokenState(token({ enabled: false }), NOW), "disabled");
  assert.equal(tokenState(token({ expires_at: iso(DAY) }), NOW), "enabled");
});

test("days left count whole days; none for a token that never expires or has expired", () => {
  assert.equal(daysLeft(token({ expires_at: iso(5 * DAY + 1000) }), NOW), 5);
  assert.equal(daysLeft(token({ expires_at: iso(3600_000) }), NOW), 0);
  assert.equal(daysLeft(token({}), NOW), null);
  assert.equal(daysLeft(token({ expires_at: iso(-1) }), NOW), null);
});

test("search, state filter and sort", () => {
  const deploy = token({ description: "deploy bot", last_used_at: iso(-DAY), expires_at: iso(3 * DAY) });
  const grafana = token({ description: "Grafana", last_used_at: iso(-60_000), expires_at: iso(60 * DAY) });
  const old = token({ description: "old script", expires_at: iso(-DAY) });
  const off = token({ description: "paused", enabled: false });
  const all = [deploy, grafana, old, off];
  assert.deepEqual(selectTokens(all, "DEPLOY", "all", "created-desc", NOW), [deploy]);
  assert.deepEqual(selectTokens(all, deploy.display, "all", "created-desc", NOW), [deploy]);
  assert.deepEqual(selectTokens(all, "", "expired", "created-desc", NOW), [old]);
  assert.deepEqual(selectTokens(all, "", "disabled", "created-desc", NOW), [off]);
  assert.deepEqual(selectTokens(all, "", "expiring", "created-desc", NOW), [deploy]);
  assert.deepEqual(selectTokens(all, "", "all", "used-desc", NOW).slice(0, 2), [grafana, deploy]);
  assert.deepEqual(selectTokens(all, "", "all", "expires-asc", NOW), [old, deploy, grafana, off]);
  assert.deepEqual(selectTokens(all, "", "all", "description", NOW), [deploy, grafana, old, off]);
  assert.deepEqual(selectTokens(all, "", "all", "created-desc", NOW), [deploy, grafana, old, off]);
});

test("expiry presets become the form's local date-time; none is empty, custom leaves the typed value", () => {
  const now = new Date(2026, 11, 2, 9, 5);
  assert.equal(presetToLocalInput("7", now), "2026-12-09T09:05");
  assert.equal(presetToLocalInput("90", now), "2027-03-02T09:05");
  assert.equal(presetToLocalInput("never", now), "");
  assert.equal(presetToLocalInput("custom", now), null);
});
