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
 * What the navigation offers a viewer, most used first: the header shows the first few inline (how
 * many depends on the width, see site-header.tsx) and the rest under "More". Only a convenience:
 * every page and procedure checks the role on the server again.
 */
export function navItemsFor(
  viewer: { globalRole: Viewer["globalRole"]; memberships: { role: Viewer["memberships"][number]["role"] }[] } | null,
): NavItem[] {
  if (!viewer) return PUBLIC_ITEMS;
  const cityRoles = new Set(viewer.memberships.map((m) => m.role));
  const items: NavItem[] = [{ key: "dashboard", href: "/dashboard" }];
  if (viewer.globalRole === "expert") items.push({ key: "review", href: "/review" }, { key: "moderation", href: "/moderation" });
  if (viewer.globalRole === "admin") items.push({ key: "admin", href: "/admin" }, { key: "moderation", href: "/moderation" });
  if (cityRoles.has("department") || cityRoles.has("partner")) items.push({ key: "workspace", href: "/workspace" });
  // Experts and admins follow every city's assessments from the same page.
  if (cityRoles.has("leadership") || viewer.globalRole) items.push({ key: "leadership", href: "/leadership" });
  if (cityRoles.has("leadership") || cityRoles.has("department")) items.push({ key: "kpis", href: "/kpis" });
  items.push({ key: "consultations", href: "/consultations" }, ...PUBLIC_ITEMS);
  return items.filter((item, index) => items.findIndex((other) => other.href === item.href) === index);
}

/** Whether `pathname` (without locale) is the item's page or one below it: "/review/evidence/x" is under "/review". */
export function isCurrentNavItem(item: NavItem, pathname: string): boolean {
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
