import { getTranslations } from "next-intl/server";
import { LoadingState } from "@/components/ui/states";

export default async function ConsultationsLoading() {
  return <LoadingState label={(await getTranslations("participation.list"))("loading")} />;
}
