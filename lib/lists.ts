// Lists stored as JSON text in a column (allowed IPs, scopes): parsed leniently, as only Beacon writes them.

export function parseStringList(json: string): string[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
