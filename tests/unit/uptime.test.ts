// The uptime arithmetic of lib/status/uptime: UTC day boundaries, a change just before midnight, a status
// carried over many days, "no data" before a component existed, and Statuspage's weighting.
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeUptime, windowStart, type StatusChange } from "../../lib/status/uptime.ts";

const at = (iso: string) => new Date(iso);
const change = (iso: string, fromStatus: number | null, toStatus: number): StatusChange => ({ componentId: 1, fromStatus, toStatus, changedAt: at(iso) });
const NOW = at("2026-03-31T12:00:00Z");
const OLD = { createdAt: at("2025-01-01T00:00:00Z"), status: 1 };

test("the window is 90 UTC days ending with today", () => {
  assert.equal(windowStart(NOW).toISOString(), "2026-01-01T00:00:00.000Z");
  const { days } = computeUptime(OLD, [], NOW);
  assert.equal(days.length, 90);
  assert.equal(days[0].date, "2026-01-01");
  assert.equal(days[89].date, "2026-03-31");
});

test("no change: the current status held the whole window; today counts up to now", () => {
  const { days, percent } = computeUptime({ ...OLD, status: 1 }, [], NOW);
  assert.ok(days.every((d) => d.worst === 1));
  assert.equal(days[0].minutes[1], 1440);
  assert.equal(days[89].minutes[1], 720);
  assert.equal(percent, 100);
});

test("a major outage from 23:59 to 00:01 marks both days, one minute each", () => {
  const changes = [change("2026-03-10T23:59:00Z", 1, 4), change("2026-03-11T00:01:00Z", 4, 1)];
  const { days } = computeUptime(OLD, changes, NOW);
  const d10 = days.find((d) => d.date === "2026-03-10")!;
  const d11 = days.find((d) => d.date === "2026-03-11")!;
  assert.deepEqual([d10.worst, d10.minutes[4], d10.minutes[1], d10.outageMinutes], [4, 1, 1439, 1]);
  assert.deepEqual([d11.worst, d11.minutes[4], d11.minutes[1], d11.outageMinutes], [4, 1, 1439, 1]);
  assert.equal(days.find((d) => d.date === "2026-03-09")!.worst, 1);
  assert.equal(days.find((d) => d.date === "2026-03-12")!.worst, 1);
});

test("the status before the window is carried in from the first change's `from`, and a status carries over many days", () => {
  // Partial outage since before the window, fixed on Jan 5; performance issues from Feb 1 to now.
  const changes = [change("2026-01-05T06:00:00Z", 3, 1), change("2026-02-01T00:00:00Z", 1, 2)];
  const { days } = computeUptime({ ...OLD, status: 2 }, changes, NOW);
  assert.deepEqual(days.slice(0, 5).map((d) => d.worst), [3, 3, 3, 3, 3]);
  assert.equal(days[4].minutes[3], 360);
  assert.equal(days[4].minutes[1], 1080);
  assert.equal(days[5].worst, 1);
  assert.equal(days.find((d) => d.date === "2026-01-31")!.worst, 1);
  const feb = days.filter((d) => d.date >= "2026-02-01");
  assert.ok(feb.length > 50 && feb.every((d) => d.worst === 2 && d.outageMinutes === 0));
});

test("days before the component existed are no data and do not count", () => {
  const created = at("2026-03-30T18:00:00Z");
  const { days, percent } = computeUptime({ createdAt: created, status: 4 }, [change("2026-03-30T18:00:00Z", null, 4)], NOW);
  assert.ok(days.slice(0, 88).every((d) => d.worst === null && d.minutes[1] === 0));
  assert.deepEqual([days[88].worst, days[88].minutes[4]], [4, 360]);
  assert.deepEqual([days[89].worst, days[89].minutes[4]], [4, 720]);
  assert.equal(percent, 0);
});

test("a component created inside the window with no recorded change (older than the history) holds its status from its creation", () => {
  const { days } = computeUptime({ createdAt: at("2026-03-31T00:00:00Z"), status: 3 }, [], NOW);
  assert.equal(days[88].worst, null);
  assert.deepEqual([days[89].worst, days[89].minutes[3]], [3, 720]);
});

test("uptime percentage: major outage counts fully, partial outage at 30 %, performance issues not at all", () => {
  // Component existing for exactly 1000 minutes of today; 100 minutes major, 100 partial, 100 degraded.
  const now = at("2026-03-31T16:40:00Z");
  const created = at("2026-03-31T00:00:00Z");
  const changes = [
    change("2026-03-31T00:00:00Z", null, 4),
    change("2026-03-31T01:40:00Z", 4, 3),
    change("2026-03-31T03:20:00Z", 3, 2),
    change("2026-03-31T05:00:00Z", 2, 1),
  ];
  const { days, percent } = computeUptime({ createdAt: created, status: 1 }, changes, now);
  assert.deepEqual(days[89].minutes, { 1: 700, 2: 100, 3: 100, 4: 100 });
  assert.equal(days[89].worst, 4);
  assert.equal(days[89].outageMinutes, 200);
  assert.ok(Math.abs(percent! - 87) < 1e-9, String(percent));
});

test("several changes inside one day: the worst wins, minutes add up to the day", () => {
  const changes = [change("2026-03-20T08:00:00Z", 1, 2), change("2026-03-20T09:00:00Z", 2, 3), change("2026-03-20T09:30:00Z", 3, 1)];
  const day = computeUptime(OLD, changes, NOW).days.find((d) => d.date === "2026-03-20")!;
  assert.equal(day.worst, 3);
  assert.deepEqual(day.minutes, { 1: 1350, 2: 60, 3: 30, 4: 0 });
});
