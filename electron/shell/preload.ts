import { contextBridge, ipcRenderer } from 'electron';

// The whole bridge: one function that carries a call of the API contract, the save dialog and printing. The page gets nothing else.
contextBridge.exposeInMainWorld('uchet', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('uchet:call', name, input),
  saveDialog: (defaultName: string) => ipcRenderer.invoke('uchet:save-dialog', defaultName),
  chooseFolder: () => ipcRenderer.invoke('uchet:folder-dialog'),
  chooseBackupFile: () => ipcRenderer.invoke('uchet:backup-file-dialog'),
  // A printed form opens in the system's PDF viewer, whose Print prints it as it looks (renderer/src/files.ts).
  printPdf: (base64: string, title: string) => ipcRenderer.invoke('uchet:print-pdf', base64, title),
});
