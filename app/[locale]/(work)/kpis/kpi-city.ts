import "server-only";
import { notFound } from "next/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import type { getViewer } from "@/server/session/viewer";

type Viewer = NonNullable<Awaited<ReturnType<typeof getViewer>>>;

/**
 * The city a KPI page is about: `?city=` (a city where the viewer is a member, or any city for an
 * expert or admin, who read registers for judging), else the viewer's first city as leadership or
 * department. The procedures check access again.
 */
export async function kpiCityFor(viewer: Viewer, requestedSlug: string | undefined) {
  const registerCities = viewer.memberships.filter((m) => m.role === "leadership" || m.role === "department");
  const toCity = (m: (typeof registerCities)[number]) => ({ id: m.cityId, slug: m.citySlug, name: m.cityName, role: m.role });
  if (requestedSlug) {
    const mine = registerCities.find((m) => m.citySlug === requestedSlug);
    if (mine) return { city: toCity(mine), registerCities };
    if (!viewer.globalRole) notFound();
    const city = await (await getServerCaller()).cities.bySlug({ slug: requestedSlug });
    if (!city) notFound();
    return { city: { id: city.id, slug: city.slug, name: city.name, role: null }, registerCities };
  }
  return { city: registerCities[0] ? toCity(registerCities[0]) : null, registerCities };
}
