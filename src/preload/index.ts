import { contextBridge, ipcRenderer } from 'electron';
import type { MedallionBridge } from './bridge';

// Only invoke and on cross the bridge; the IpcRendererEvent never reaches the page.
const bridge: MedallionBridge = {
  invoke: (method, input, callId) => ipcRenderer.invoke('medallion:invoke', method, input, callId),
  on: (event, listener) => {
    const wrapped = (_: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('medallion:event', wrapped);
    return () => ipcRenderer.removeListener('medallion:event', wrapped);
  },
};

contextBridge.exposeInMainWorld('medallion', Object.freeze(bridge));
