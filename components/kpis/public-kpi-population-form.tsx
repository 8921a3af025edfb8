"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/form-field";
import { Alert, LoadingState } from "@/components/ui/states";

/**
 * The city's population, as its leadership (or an admin) enters it: the only source of the per-capita
 * KPI benchmarks. Empty means "not provided" (the public pages say so; nothing is estimated).
 */
export function PublicKpiPopulationForm({ cityId, citySlug }: { cityId: string; citySlug: string }) {
  const t = useTranslations("kpis-public.population");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.kpiBenchmarks.cityKpis.queryOptions({ slug: citySlug }));
  const save = useMutation(trpc.kpiBenchmarks.setPopulation.mutationOptions());
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (current.isPending) return <LoadingState label={t("loading")} />;
  if (current.isError) return <Alert>{current.error.message}</Alert>;
  const saved = current.data.city.population;
  const value = draft ?? (saved === null ? "" : String(saved));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const trimmed = value.replace(/[\s,_]/g, "");
    const population = trimmed === "" ? null : Number(trimmed);
    if (population !== null && !Number.isInteger(population)) return setError(t("invalid"));
    try {
      await save.mutateAsync({ cityId, population });
      toast.success(population === null ? t("cleared") : t("saved"));
      setDraft(null);
      await queryClient.invalidateQueries(trpc.kpiBenchmarks.cityKpis.queryFilter({ slug: citySlug }));
    } catch (e) {
      setError(e instanceof Error ? e.message : t("invalid"));
    }
  };

  return (
    <Card data-testid="population-form">
      <h2 className="mb-1 text-lg font-semibold">{t("title")}</h2>
      <p className="mb-3 text-sm text-slate-600">{t("intro")}</p>
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
        <TextField
          label={t("label")}
          hint={saved === null ? t("notProvided") : undefined}
          inputMode="numeric"
          value={value}
          error={error ?? undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
      </form>
    </Card>
  );
}
