"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("common.nav");
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/" })}
      className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
    >
      {t("signOut")}
    </button>
  );
}
