"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations("common.nav");
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/" })}
      className={cn("whitespace-nowrap rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100", className)}
    >
      {t("signOut")}
    </button>
  );
}
