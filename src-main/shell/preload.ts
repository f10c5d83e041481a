import { contextBridge, ipcRenderer } from 'electron';
import { channelNames, ipcChannel, type StrongroomApi } from '../contract/channels';

// The renderer gets exactly the contract's functions, each a thin invoke; no ipcRenderer, no Node.
const api = Object.fromEntries(
  channelNames.map((name) => [name, (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request ?? {})]),
) as unknown as StrongroomApi;

contextBridge.exposeInMainWorld('strongroom', Object.freeze(api));
