/** A link to the open data API's CSV of the data a chart or table shows. */
export function CsvDownloadLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download className="inline-flex items-center gap-1.5 text-sm font-medium" data-testid="csv-download">
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
        <path d="M10 2a1 1 0 0 1 1 1v8.59l2.3-2.3a1 1 0 1 1 1.4 1.42l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.42L9 11.6V3a1 1 0 0 1 1-1Zm-7 14a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Z" />
      </svg>
      {label}
    </a>
  );
}
