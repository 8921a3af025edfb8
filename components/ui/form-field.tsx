import { useLocale, useTranslations } from "next-intl";
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from "react";
import { z } from "zod";
import { translateValidationMessage, type ValidationMessageParams } from "@/server/validation/validation-messages";
import { cn } from "./cn";

const ZOD_LOCALES = { en: z.locales.en, zh: z.locales.zhCN } as const;
let browserZodLocale: string | null = null;

/**
 * A validation message in the reader's language: our schema messages (made from message keys, as
 * the client's zodResolver reports them) are translated; zod's own messages are written in the
 * reader's language because the browser's zod uses the page's locale; messages from the server
 * already come in the request's language.
 */
export function useValidationMessage(): (message: string | undefined) => string | undefined {
  const t = useTranslations();
  const locale = useLocale();
  // Only in the browser: on the server zod's locale follows each request (server/validation/validation-locale.ts).
  if (typeof window !== "undefined" && browserZodLocale !== locale) {
    z.config((ZOD_LOCALES[locale as keyof typeof ZOD_LOCALES] ?? ZOD_LOCALES.en)());
    browserZodLocale = locale;
  }
  const translate = (key: string, params?: ValidationMessageParams) => (t.has(key) ? t(key, params) : null);
  return (message) => (message ? translateValidationMessage(message, (key, params) => translate(key, params) ?? message) : message);
}

type FieldShellProps = {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: (id: string, describedBy: string | undefined) => ReactNode;
};

/** Label, control, hint and error wired together for screen readers (aria-describedby, aria-invalid). */
export function FieldShell({ label, error: rawError, hint, children }: FieldShellProps) {
  const id = useId();
  const error = useValidationMessage()(rawError);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children(id, describedBy)}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const CONTROL =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

type BaseProps = { label: ReactNode; error?: string; hint?: ReactNode };

export function TextField({ label, error, hint, className, ...props }: BaseProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={cn(CONTROL, className)}
          {...props}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField({ label, error, hint, className, ...props }: BaseProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={cn(CONTROL, "min-h-24", className)}
          {...props}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({ label, error, hint, className, children, ...props }: BaseProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={cn(CONTROL, className)}
          {...props}
        >
          {children}
        </select>
      )}
    </FieldShell>
  );
}
