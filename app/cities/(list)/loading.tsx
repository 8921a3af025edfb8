import { getTranslations } from "next-intl/server";
import { LoadingState } from "@/components/ui/states";

export default async function CitiesLoading() {
  // As tall as the screen: the footer stays below the fold, so the page arriving does not shift it.
  return (
    <div className="min-h-screen">
      <LoadingState label={(await getTranslations("public.cities"))("loading")} />
    </div>
  );
}
