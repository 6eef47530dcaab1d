/** Files the app hands to the user: a download (browser mode and Electron alike), or a PDF opened to print. */

export const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function base64Blob(base64: string, mime: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: mime });
}

export function downloadBase64(base64: string, fileName: string, mime: string = MIME.xlsx): void {
  const href = URL.createObjectURL(base64Blob(base64, mime));
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

/** What the Electron shell may offer for printing a PDF (its print dialog). Absent in browser mode. */
interface PrintBridge {
  printPdf?: (base64: string, title: string) => Promise<void>;
}

/**
 * A tab opened at once, while the click still counts as the user's (a tab opened after an awaited call is
 * blocked as a pop-up); the PDF is put into it when ready. Null where new windows are not allowed (Electron).
 */
export function reserveTab(): Window | null {
  const bridge = (window as unknown as { uchet?: PrintBridge }).uchet;
  if (bridge?.printPdf) return null;
  const tab = window.open('', '_blank');
  if (tab) tab.document.title = 'Подготовка документа…';
  return tab;
}

/**
 * Prints a PDF: the shell's print dialog in Electron, the PDF in the reserved tab in a browser (its viewer
 * prints). Where neither is possible the file is saved and the caller is told so (false).
 */
export async function printPdf(base64: string, fileName: string, tab: Window | null): Promise<boolean> {
  const bridge = (window as unknown as { uchet?: PrintBridge }).uchet;
  if (bridge?.printPdf) {
    await bridge.printPdf(base64, fileName);
    return true;
  }
  if (tab && !tab.closed) {
    tab.location.href = URL.createObjectURL(base64Blob(base64, MIME.pdf));
    return true;
  }
  downloadBase64(base64, fileName, MIME.pdf);
  return false;
}
