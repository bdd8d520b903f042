import { useRef, useState, type DragEvent } from 'react';
import { toErrorData } from '../../store/error-data';
import { useStores } from '../../store/stores-context';

/**
 * Drag and drop of files anywhere on the case panel. Each dropped file is staged by main
 * (which checks its path again: a regular readable file within the size limit), then
 * queued for upload; a refused file shows with its reason among the transfers.
 */
export function useFileDrop(domain: string, caseName: string, canAttach: boolean) {
  const stores = useStores();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the pointer left the panel.
  const depth = useRef(0);

  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

  const drop = async (files: File[]) => {
    for (const file of files) {
      try {
        const staged = await stores.client.stageDroppedFile(file);
        stores.transfers.getState().enqueueUploads(domain, caseName, [staged]);
      } catch (error) {
        stores.transfers.getState().stagingFailed(domain, caseName, file.name, toErrorData(error));
      }
    }
  };

  return {
    dragging,
    handlers: {
      onDragEnter(event: DragEvent) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      },
      onDragOver(event: DragEvent) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = canAttach ? 'copy' : 'none';
      },
      onDragLeave(event: DragEvent) {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop(event: DragEvent) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setDragging(false);
        if (canAttach) void drop([...event.dataTransfer.files]);
      },
    },
  };
}
