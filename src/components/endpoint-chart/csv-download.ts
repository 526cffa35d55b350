/** Long enough for any browser to have started reading the file; a download is not cancelled by it. */
const REVOKE_AFTER_MS = 10_000;

/** Keeps a file name to letters, digits, `-`, `_` and `.`, so no name can point into a folder. */
export function csvFileName(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '');
  return `${safe || 'chart'}.csv`;
}

/**
 * Saves `csv` as a file through a temporary `<a download>`. A byte order mark leads the file so
 * spreadsheet apps (Excel above all) read it as UTF-8 rather than the system code page.
 */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  // Firefox only follows links that are in the document.
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
