import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";

type Props = {
  nextCharacteristic: { href: string; name: string } | null;
  /** The "mark as rated" step on the same page, when the expert may take it. */
  markRatedHref: string | null;
  nextQueued: { href: string; title: string; city: string } | null;
};

/**
 * Where the expert goes from a saved characteristic without passing through the queue: the next
 * characteristic (focused after a save, so Enter follows it), the mark-as-rated step after the
 * last one, and the oldest item waiting in the review queue.
 */
export function NextStepLinks({ nextCharacteristic, markRatedHref, nextQueued }: Props) {
  const t = useTranslations("review.next");
  const link = "rounded-md px-2 py-1 text-sm font-medium ring-1 ring-inset ring-slate-300 no-underline hover:bg-slate-50";
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center gap-2">
      {nextCharacteristic ? (
        <Link href={nextCharacteristic.href} className={link} data-focus-after-save data-testid="next-characteristic">
          {t("characteristic", { name: nextCharacteristic.name })} <span aria-hidden>→</span>
        </Link>
      ) : markRatedHref ? (
        <a href={markRatedHref} className={link} data-focus-after-save data-testid="go-mark-rated">
          {t("markRated")} <span aria-hidden>↓</span>
        </a>
      ) : null}
      {nextQueued ? (
        <Link href={nextQueued.href} className={link} data-testid="next-queued">
          {t("queued", { title: nextQueued.title, city: nextQueued.city })}
        </Link>
      ) : (
        <span className="text-xs text-slate-500">{t("queueEmpty")}</span>
      )}
    </nav>
  );
}
