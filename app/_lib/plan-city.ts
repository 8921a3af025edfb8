import "server-only";
import { notFound } from "next/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import type { getViewer } from "@/server/session/viewer";

type Viewer = NonNullable<Awaited<ReturnType<typeof getViewer>>>;

/**
 * The city a planner page is about: the one named by `?city=` (any city: its published plans are
 * readable by everyone signed in), else the viewer's first city as leadership or department.
 */
export async function planCityFor(viewer: Viewer, requestedSlug: string | undefined) {
  const planning = viewer.memberships.filter((m) => m.role === "leadership" || m.role === "department");
  if (requestedSlug) {
    const mine = viewer.memberships.find((m) => m.citySlug === requestedSlug);
    if (mine) return { id: mine.cityId, slug: mine.citySlug, name: mine.cityName, planningCities: planning };
    const city = await (await getServerCaller()).cities.bySlug({ slug: requestedSlug });
    if (!city) notFound();
    return { id: city.id, slug: city.slug, name: city.name, planningCities: planning };
  }
  const first = planning[0];
  return first ? { id: first.cityId, slug: first.citySlug, name: first.cityName, planningCities: planning } : null;
}
