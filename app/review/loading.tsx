import { getTranslations } from "next-intl/server";
import { LoadingState } from "@/components/ui/states";

export default async function ReviewLoading() {
  return <LoadingState label={(await getTranslations("evidence"))("loading")} />;
}
