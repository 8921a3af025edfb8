import type { Viewer } from "@/server/members/memberships";

/** A message key under `common.nav` and the route it opens. */
export type NavItem = { key: string; href: string };

const PUBLIC_ITEMS: NavItem[] = [
  { key: "cities", href: "/cities" },
  { key: "benchmark", href: "/benchmark" },
  { key: "compare", href: "/compare" },
  { key: "openData", href: "/open-data" },
];

/**
 * What the navigation offers a viewer. Only a convenience: every page and procedure checks the
 * role on the server again.
 */
export function navItemsFor(
  viewer: { globalRole: Viewer["globalRole"]; memberships: { role: Viewer["memberships"][number]["role"] }[] } | null,
): NavItem[] {
  if (!viewer) return PUBLIC_ITEMS;
  const cityRoles = new Set(viewer.memberships.map((m) => m.role));
  const items: NavItem[] = [{ key: "dashboard", href: "/dashboard" }];
  if (cityRoles.has("department") || cityRoles.has("partner")) items.push({ key: "workspace", href: "/workspace" });
  if (viewer.globalRole === "expert") {
    items.push({ key: "review", href: "/review" }, { key: "moderation", href: "/moderation" });
  }
  // Experts and admins follow every city's assessments from the same page.
  if (cityRoles.has("leadership") || viewer.globalRole) items.push({ key: "leadership", href: "/leadership" });
  items.push({ key: "consultations", href: "/consultations" });
  if (viewer.globalRole === "admin") items.push({ key: "admin", href: "/admin" }, { key: "moderation", href: "/moderation" });
  return [...items, ...PUBLIC_ITEMS];
}
