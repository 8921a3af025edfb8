/** "Huai'an (Jiangsu)" → "huaian-jiangsu"; "Florence/Prato" → "florence-prato". */
export function slugifyCityName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
