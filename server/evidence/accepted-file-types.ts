/** What evidence uploads accept; no server-only imports, so the upload form shows the same list. */
export const ACCEPTED_FILE_SUMMARY =
  "Accepted: PDF, Word, Excel, PowerPoint or OpenDocument files, PNG, JPEG, GIF or WebP images, and CSV.";

/** The `accept` attribute for the file input: a hint only, the server decides from the bytes. */
export const ACCEPT_ATTRIBUTE = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp,.csv";
