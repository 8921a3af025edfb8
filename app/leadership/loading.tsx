import { getTranslations } from "next-intl/server";
import { LoadingState } from "@/components/ui/states";

export default async function LeadershipLoading() {
  return <LoadingState label={(await getTranslations("workflow"))("page.pageLoading")} />;
}
