import type { HandlerGroup } from '../api/handlers';
import type { BundleService } from './bundle-service';

type BundleMethods =
  | 'bundles.create'
  | 'bundles.verify'
  | 'bundles.open'
  | 'bundles.upload'
  | 'bundles.openUpload'
  | 'bundles.read'
  | 'bundles.list'
  | 'bundles.close';

/** bundles.* methods: package a dashboard, verify and open bundle files. */
export function bundleHandlers(bundles: BundleService): HandlerGroup<BundleMethods> {
  return {
    'bundles.create': (input) => bundles.create(input),
    'bundles.verify': (input) => bundles.verify(input.path),
    'bundles.open': (input) => bundles.open(input.path),
    'bundles.upload': (input) => bundles.receiveChunk(input),
    'bundles.openUpload': (input) => bundles.openUpload(input.uploadId),
    'bundles.read': (input) => bundles.read(input.path, input.offset, input.length),
    'bundles.list': () => bundles.list(),
    'bundles.close': (input) => ({ closed: bundles.close(input.bundleId) }),
  };
}
