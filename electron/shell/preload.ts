import { contextBridge, ipcRenderer } from 'electron';

// The whole bridge: one function that carries a call of the API contract. The page gets nothing else.
contextBridge.exposeInMainWorld('uchet', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('uchet:call', name, input),
  saveDialog: (defaultName: string) => ipcRenderer.invoke('uchet:save-dialog', defaultName),
});
