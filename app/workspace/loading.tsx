import { getTranslations } from "next-intl/server";
import { LoadingState } from "@/components/ui/states";

export default async function WorkspaceLoading() {
  return <LoadingState label={(await getTranslations("evidence"))("loading")} />;
}
