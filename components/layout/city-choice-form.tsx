import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-field";

type MemberCity = { cityId: string; citySlug: string; cityName: string };

type CityChoiceFormProps = {
  /** The page's own address with its locale, e.g. `/en/kpis`: the choice reloads it with `?city=`. */
  action: string;
  cities: readonly MemberCity[];
  selectedSlug: string | undefined;
  cityLabel: string;
  submitLabel: string;
  /** Further filters sent with the city (they keep their own names). */
  children?: ReactNode;
  testId?: string;
};

/**
 * The "which of my cities" choice on member pages (leadership, plans, KPIs, good practice): a plain
 * GET form, so it works before the page's scripts load and the choice lands in the address. With one
 * city there is nothing to choose: the city travels as a hidden field when other filters need it.
 */
export function CityChoiceForm({ action, cities, selectedSlug, cityLabel, submitLabel, children, testId }: CityChoiceFormProps) {
  if (cities.length <= 1 && !children) return null;
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" data-testid={testId}>
      {cities.length > 1 ? (
        <SelectField label={cityLabel} name="city" defaultValue={selectedSlug}>
          {cities.map((m) => (
            <option key={m.cityId} value={m.citySlug}>
              {m.cityName}
            </option>
          ))}
        </SelectField>
      ) : selectedSlug ? (
        <input type="hidden" name="city" value={selectedSlug} />
      ) : null}
      {children}
      <Button type="submit" variant="secondary">
        {submitLabel}
      </Button>
    </form>
  );
}
