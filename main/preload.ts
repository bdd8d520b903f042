import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPartnerDeskBridge } from './electron/preload-bridge';

contextBridge.exposeInMainWorld('partnerDesk', createPartnerDeskBridge(ipcRenderer, webUtils));
