import { getTranslations } from "next-intl/server";
import { LoadingState } from "@/components/ui/states";

export default async function ModerationLoading() {
  return <LoadingState label={(await getTranslations("participation.moderation"))("loading")} />;
}
