/** Offering something the page made (a figure, a run's numbers) to the reader as a file. */

/** Offers `blob` to the reader as a file called `name` (the browser's download, no request). */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to have read it; the address is then released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers `text` as a file called `name` of type `type` (text/csv, application/json …). */
export function saveText(name: string, type: string, text: string): void {
  saveFile(name, new Blob([text], { type: `${type};charset=utf-8` }));
}
